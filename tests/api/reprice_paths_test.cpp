// A live reprice runs each path id once for every market it publishes: the main lines, the player props and
// the momentum markets all come from one pass of the path driver (engine::PathsEvaluated counts kernel paths).
#include "engine/path_driver.hpp"
#include "tests/api/demo_service.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

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
    ASSERT_EQ(events.size(), 2U);
    for (const json& e : events) {
        const std::string id = e.at("id").get<std::string>();
        const bool soccer = e.at("sport") == "soccer";
        const std::string state = soccer ? R"({"minute":30,"home":1,"away":0})"
                                         : R"({"period":2,"clock":"6:00","home":40,"away":38,"possession":"home"})";
        const std::uint64_t before = engine::PathsEvaluated();
        const ApiResponse posted = service->Handle({"POST", "/v1/events/" + id + "/state", state, trader, "", ""});
        ASSERT_EQ(posted.status, 200) << posted.body;
        EXPECT_EQ(engine::PathsEvaluated() - before, kSims) << e.at("sport");
        // The reprice published main lines and momentum markets from that one pass.
        const std::string target = "/v1/events/" + id + "/odds?markets=h2h," + (soccer ? "next_goal" : "next_score");
        const json odds = json::parse(service->Handle({"GET", target, "", trader, "", ""}).body);
        ASSERT_EQ(odds.at("bookmakers").size(), 1U) << odds.dump();
        EXPECT_EQ(odds["bookmakers"][0]["markets"].size(), 2U) << odds.dump();
    }
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
        } else {
            EXPECT_EQ(e["home_team"], "Arsenal");
            EXPECT_FALSE(e.contains("home_team_abbreviation"));
            EXPECT_EQ(h2h["outcomes"][0]["name"], "Arsenal");
        }
    }
}

} // namespace
} // namespace simbook::api
