// Every market the odds feed shows is one the book takes: while live updates move the lines, a client that bets on
// a market it has just read never gets 404 (a market the book did not know yet).
#include "tests/api/demo_service.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace simbook::api {
namespace {

using nlohmann::json;

TEST(FeedBookTest, PublishedMarketsAreInTheBookFirst) {
    testing::DemoService demo = testing::MakeDemoService(500);
    ASSERT_NE(demo.service, nullptr);
    Service* service = demo.service.get();
    const std::string trader = demo.keys.at(Role::kTrader);
    const std::string book = demo.keys.at(Role::kSportsbook);
    std::string id;
    for (const json& e : json::parse(service->Handle({"GET", "/v1/events", "", trader, "", ""}).body)) {
        if (e.at("sport") == "basketball") {
            id = e.at("id").get<std::string>();
        }
    }
    ASSERT_FALSE(id.empty());
    std::atomic<bool> done{false};
    std::atomic<int> bets{0};
    std::mutex mutex;
    std::vector<std::string> missing;
    const auto bettor = [&](int b) {
        for (int n = 0; !done.load(); ++n) {
            const json odds = json::parse(
                service->Handle({"GET", "/v1/events/" + id + "/odds?markets=totals,spreads", "", book, "", ""}).body);
            for (const json& m : odds["bookmakers"][0]["markets"]) {
                const json bet{{"event_id", id},
                               {"market", m["market"]},
                               {"outcome", m["outcomes"][0]["selection"]},
                               {"price", 1.01},
                               {"stake", 0.01}};
                const std::string key = "feed-" + std::to_string(b) + "-" + std::to_string(n) + m["market"].dump();
                const ApiResponse placed = service->Handle({"POST", "/v1/bets", bet.dump(), book, key, ""});
                ++bets;
                if (placed.status == 404) {
                    std::lock_guard lock(mutex);
                    missing.push_back(m["market"].get<std::string>() + " at version " + odds["version"].dump());
                }
            }
        }
    };
    std::thread first(bettor, 0);
    std::thread second(bettor, 1);
    // Both teams score at every update, so the totals line moves and a new market opens each time.
    for (int i = 1; i < 200; ++i) {
        const json state{{"period", 1 + i / 50}, {"clock", 700 - (i % 50) * 12}, {"home", i}, {"away", i - 1}};
        const ApiResponse r = service->Handle({"POST", "/v1/events/" + id + "/state", state.dump(), trader, "", ""});
        EXPECT_EQ(r.status, 200) << r.body;
        if (r.status != 200) {
            break;
        }
    }
    done = true;
    first.join();
    second.join();
    EXPECT_TRUE(missing.empty()) << missing.size() << " bets on a published market answered 404, first "
                                 << missing.front();
    EXPECT_GT(bets.load(), 100);
}

} // namespace
} // namespace simbook::api
