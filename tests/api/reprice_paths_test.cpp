// A live reprice runs each path id once for every market it publishes: the main lines, the player props and
// the momentum markets all come from one pass of the path driver (engine::PathsEvaluated counts kernel paths).
#include "engine/exact.hpp"
#include "engine/path_driver.hpp"
#include "kernels/basketball/light_launch.hpp"
#include "tests/api/demo_service.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace simbook::api {
namespace {

using nlohmann::json;

TEST(RepricePaths, EachPathIdRunsOncePerStateUpdate) {
    constexpr std::uint64_t kSims = 3000;
    testing::DemoService demo = testing::MakeDemoService(kSims);
    ASSERT_NE(demo.service, nullptr);
    Service* service = demo.service.get();
    const std::string trader = demo.keys.at(Role::kTrader);
    const json events = json::parse(service->Handle({"GET", "/v1/events", "", trader, "", ""}).body);
    ASSERT_EQ(events.size(), 4U); // soccer, basketball, baseball, football
    for (const json& e : events) {
        const std::string id = e.at("id").get<std::string>();
        const bool soccer = e.at("sport") == "soccer";
        const bool baseball = e.at("sport") == "baseball";
        const bool football = e.at("sport") == "football";
        const std::string state =
            soccer     ? R"({"minute":30,"home":1,"away":0})"
            : baseball ? R"({"inning":3,"half":"bottom","outs":1,"home":1,"away":0})"
            : football ? R"({"quarter":2,"clock":"6:00","home":7,"away":3,"possession":"away","yard_line":35})"
                       : R"({"period":2,"clock":"6:00","home":40,"away":38,"possession":"home"})";
        const std::uint64_t before = engine::PathsEvaluated();
        const ApiResponse posted = service->Handle({"POST", "/v1/events/" + id + "/state", state, trader, "", ""});
        ASSERT_EQ(posted.status, 200) << posted.body;
        EXPECT_EQ(engine::PathsEvaluated() - before, kSims) << e.at("sport");
        // The reprice published main lines and momentum markets from that one pass.
        const std::string target = "/v1/events/" + id + "/odds?markets=h2h," +
                                   (soccer                 ? "next_goal"
                                    : baseball || football ? "next_team_to_score"
                                                           : "next_score");
        const json odds = json::parse(service->Handle({"GET", target, "", trader, "", ""}).body);
        ASSERT_EQ(odds.at("bookmakers").size(), 1U) << odds.dump();
        EXPECT_EQ(odds["bookmakers"][0]["markets"].size(), 2U) << odds.dump();
    }
}

//! Many games per launch (ServiceOptions::coalesce_launches): state updates of two exact basketball events posted
//! at the same time share light-kernel launches, and every market is priced as without coalescing.
TEST(RepricePaths, CoalescedLaunchesPriceAsSeparateOnes) {
    auto make = [](bool coalesce, std::map<Role, std::string>* keys) {
        ServiceOptions options;
        options.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
        options.sims = 6000;
        options.rate_limit = 0.0;
        options.demo_events = false;
        options.coalesce_launches = coalesce;
        auto service = Service::Create(options, KeyStore::Demo(keys));
        EXPECT_TRUE(service.ok()) << service.status().message();
        return service.ok() ? std::move(service).value() : nullptr;
    };
    // Every outcome's price of the main lines and the path-based markets of an event, by market, outcome and point.
    static const std::string kMarkets =
        "h2h,spreads,totals,next_score,next_team_to_score,lead_change,largest_run,largest_run_team";
    auto prices = [](Service& service, const std::string& key, const std::string& id) {
        std::map<std::string, double> out;
        const json odds = json::parse(
            service.Handle({"GET", "/v1/events/" + id + "/odds?markets=" + kMarkets, "", key, "", ""}).body);
        for (const json& market : odds.at("bookmakers").at(0).at("markets")) {
            for (const json& o : market.at("outcomes")) {
                out[market.at("key").get<std::string>() + "/" + o.at("name").get<std::string>() + "/" +
                    o.value("description", "") + "/" + (o.contains("point") ? o["point"].dump() : "")] =
                    o.at("price").get<double>();
            }
        }
        return out;
    };
    const char* states[] = {R"({"period":1,"clock":"9:00","home":8,"away":6,"possession":"home"})",
                            R"({"period":2,"clock":"2:30","home":50,"away":55,"possession":"away"})",
                            R"({"period":4,"clock":"3:10","home":98,"away":97,"possession":"home"})"};
    constexpr int kEvents = 3;
    std::map<std::string, double> expected[kEvents], got[kEvents];
    const std::uint64_t coalesced_before = kernels::BasketballLightCoalescedJobs();
    engine::SetExactTableCapacity(0); // main lines from the series in both runs, whenever a table would be ready
    for (bool coalesce : {false, true}) {
        std::map<Role, std::string> keys;
        const std::unique_ptr<Service> service = make(coalesce, &keys);
        ASSERT_NE(service, nullptr);
        const std::string trader = keys.at(Role::kTrader);
        std::string ids[kEvents];
        for (std::string& id : ids) {
            const ApiResponse created = service->Handle(
                {"POST", "/v1/events",
                 R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","pricing":"exact"})",
                 trader, "", ""});
            ASSERT_EQ(created.status, 201) << created.body;
            id = json::parse(created.body).at("id").get<std::string>();
        }
        for (const char* state : states) { // every event's update at once
            int status[kEvents] = {};
            std::vector<std::thread> posts;
            for (int e = 0; e < kEvents; ++e) {
                posts.emplace_back([&, e] {
                    status[e] =
                        service->Handle({"POST", "/v1/events/" + ids[e] + "/state", state, trader, "", ""}).status;
                });
            }
            for (std::thread& t : posts) {
                t.join();
            }
            for (int e = 0; e < kEvents; ++e) {
                ASSERT_EQ(status[e], 200) << "event " << e << ", state " << state;
            }
        }
        for (int e = 0; e < kEvents; ++e) {
            (coalesce ? got : expected)[e] = prices(*service, trader, ids[e]);
        }
    }
    engine::SetExactTableCapacity(8);
    for (int e = 0; e < kEvents; ++e) {
        EXPECT_GT(expected[e].size(), 10U);
        EXPECT_EQ(got[e], expected[e]) << "event " << e;
    }
    // Whether the updates overlapped is up to the scheduler: reported, not required (the kernel test requires it).
    std::printf("coalesced jobs: %llu\n",
                static_cast<unsigned long long>(kernels::BasketballLightCoalescedJobs() - coalesced_before));
}
} // namespace
} // namespace simbook::api

namespace simbook::api {
namespace {

// The odds feed names NBA teams as the public feed does, keeping the fitted model's abbreviation in its own field;
// soccer teams are named the same in both and carry no abbreviation.
TEST(FeedNames, NbaTeamsByFullNameWithTheAbbreviationKept) {
    testing::DemoService demo = testing::MakeDemoService(2000);
    ASSERT_NE(demo.service, nullptr);
    Service* service = demo.service.get();
    const std::string key = demo.keys.at(Role::kSportsbook);
    for (const json& e : json::parse(service->Handle({"GET", "/v1/events", "", key, "", ""}).body)) {
        const std::string id = e.at("id").get<std::string>();
        const json odds =
            json::parse(service->Handle({"GET", "/v1/events/" + id + "/odds?markets=h2h", "", key, "", ""}).body);
        const json& h2h = odds["bookmakers"][0]["markets"][0];
        ASSERT_EQ(h2h["key"], "h2h");
        if (e.at("sport") == "basketball") {
            EXPECT_EQ(e["home_team"], "Boston Celtics");
            EXPECT_EQ(e["home_team_abbreviation"], "BOS");
            EXPECT_EQ(odds["away_team"], "Dallas Mavericks");
            EXPECT_EQ(odds["away_team_abbreviation"], "DAL");
            EXPECT_EQ(h2h["outcomes"][0]["name"], "Boston Celtics");
        } else if (e.at("sport") == "baseball") {
            // MLB teams keep the fitted model's Retrosheet codes (no full-name table yet).
            EXPECT_EQ(e["home_team"], "NYA");
            EXPECT_EQ(h2h["outcomes"][0]["name"], "NYA");
        } else if (e.at("sport") == "football") {
            // NFL teams by the franchise nickname the fitted file keys them by.
            EXPECT_EQ(e["home_team"], "Patriots");
            EXPECT_EQ(h2h["outcomes"][0]["name"], "Patriots");
        } else {
            EXPECT_EQ(e["home_team"], "Arsenal");
            EXPECT_FALSE(e.contains("home_team_abbreviation"));
            EXPECT_EQ(h2h["outcomes"][0]["name"], "Arsenal");
        }
    }
}

} // namespace
} // namespace simbook::api
