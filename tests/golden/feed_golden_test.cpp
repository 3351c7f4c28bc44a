// Golden odds feed: the demo events of a fresh service (Arsenal v Chelsea, BOS v DAL, NYA v BOS, Patriots v Chiefs)
// after a fixed series of live state updates, read back as the public odds feed, the event and its momentum path after
// each update. The
// output is byte-compared with expected/feed.json; wall-clock fields and generated ids are blanked. A deliberate
// change of path streams or prices regenerates it with SIMBOOK_UPDATE_GOLDEN=1, in its own commit.
#include "tests/api/demo_service.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace simbook::api {
namespace {

using nlohmann::json;

//! Blanks what differs between runs: wall-clock times and generated ids.
void Normalise(json& value, const std::map<std::string, std::string>& ids) {
    if (value.is_object()) {
        for (auto& [key, item] : value.items()) {
            if (key == "last_update" || key == "request_id" || key == "created" || key == "updated_at") {
                item = "-";
            } else if (key == "id" && item.is_string() && ids.count(item.get<std::string>()) > 0) {
                item = ids.at(item.get<std::string>());
            } else {
                Normalise(item, ids);
            }
        }
    } else if (value.is_array()) {
        for (auto& item : value) {
            Normalise(item, ids);
        }
    }
}

struct Step {
    std::string sport;
    std::string state; //!< posted to /v1/events/{id}/state
};

TEST(FeedGolden, DemoEventsAfterAFixedSeriesOfStateUpdates) {
    testing::DemoService demo = testing::MakeDemoService(4000);
    ASSERT_NE(demo.service, nullptr);
    const std::string trader = demo.keys.at(Role::kTrader);
    auto call = [&](const std::string& method, const std::string& target, const std::string& body) {
        const ApiResponse response = demo.service->Handle({method, target, body, trader, ""});
        EXPECT_EQ(response.status, 200) << method << " " << target << ": " << response.body;
        return json::parse(response.body, nullptr, false);
    };

    std::map<std::string, std::string> event_of; // sport -> id
    std::map<std::string, std::string> ids;      // id -> stable name
    for (const json& e : call("GET", "/v1/events", "")) {
        const std::string sport = e.at("sport").get<std::string>();
        event_of[sport] = e.at("id").get<std::string>();
        ids[e.at("id").get<std::string>()] = "event-" + sport;
    }
    ASSERT_EQ(event_of.size(), 4U);

    const std::vector<Step> steps = {
        {"soccer", R"({"minute":10,"home":0,"away":0})"},
        {"soccer", R"({"minute":23,"home":1,"away":0})"},
        {"soccer", R"({"minute":41,"home":1,"away":0,"red_away":1})"},
        {"soccer", R"({"minute":67,"home":1,"away":1,"red_away":1})"},
        {"soccer", R"({"minute":88,"home":2,"away":1,"red_away":1})"},
        {"basketball", R"({"period":1,"clock":"6:00","home":14,"away":12,"possession":"home"})"},
        {"basketball", R"({"period":2,"clock":"0:00","home":55,"away":58,"possession":"away"})"},
        {"basketball", R"({"period":3,"clock":"4:30","home":80,"away":77,"possession":"away"})"},
        {"basketball", R"({"period":4,"clock":"1:10","home":101,"away":100,"possession":"home"})"},
        {"baseball", R"({"inning":1,"half":"bottom","outs":1,"bases":[1],"home":0,"away":0})"},
        {"baseball", R"({"inning":4,"half":"top","outs":2,"bases":[2,3],"home":2,"away":1})"},
        {"baseball", R"({"inning":7,"half":"bottom","home":2,"away":3,"home_pitcher":"bullpen"})"},
        {"baseball", R"({"inning":9,"half":"bottom","outs":2,"bases":[1,2],"home":3,"away":3,"home_pitcher":"bullpen",)"
                     R"("away_pitcher":"bullpen"})"},
        {"football", R"({"quarter":1,"clock":"9:12","home":7,"away":0,"possession":"away","yard_line":25})"},
        {"football", R"({"quarter":2,"clock":"2:00","home":10,"away":7,"possession":"home","yard_line":62,"down":3,)"
                     R"("distance":4})"},
        {"football", R"({"quarter":4,"clock":"4:30","home":17,"away":20,"possession":"home","yard_line":80,)"
                     R"("turnover":true})"},
    };
    const std::string markets =
        "h2h,spreads,totals,player_points,player_rebounds,player_assists,player_threes,"
        "next_goal,goal_before,lead_change,lead_at,next_team_to_score,next_score,largest_run,"
        "largest_run_team,h2h_1st_5_innings,totals_1st_5_innings,totals_1st_1_innings,team_totals";
    json feed = json::array();
    auto snapshot = [&](const std::string& sport, const std::string& posted) {
        const std::string path = "/v1/events/" + event_of.at(sport);
        json entry{{"sport", sport}, {"posted", posted}};
        entry["event"] = call("GET", path, "");
        entry["odds"] = call("GET", path + "/odds?markets=" + markets, "");
        entry["momentum"] = call("GET", path + "/momentum", "");
        feed.push_back(entry);
    };
    snapshot("soccer", "");
    snapshot("basketball", "");
    // Baseball, then football, after the other sports, so that their part of the file stays as it was.
    for (const std::string sport : {"soccer", "basketball", "baseball", "football"}) {
        if (sport == "baseball" || sport == "football") {
            snapshot(sport, "");
        }
        for (const Step& step : steps) {
            if (step.sport == sport) {
                call("POST", "/v1/events/" + event_of.at(step.sport) + "/state", step.state);
                snapshot(step.sport, step.state);
            }
        }
    }
    Normalise(feed, ids);
    const std::string actual = feed.dump(1) + "\n";

    const std::string expected_path = std::string(SIMBOOK_SOURCE_DIR) + "/tests/golden/expected/feed.json";
    if (const char* update = std::getenv("SIMBOOK_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
        std::ofstream(expected_path) << actual;
        GTEST_SKIP() << "wrote " << expected_path;
    }
    std::ifstream in(expected_path);
    ASSERT_TRUE(in) << "missing " << expected_path << " (SIMBOOK_UPDATE_GOLDEN=1 writes it)";
    std::stringstream expected;
    expected << in.rdbuf();
    ASSERT_EQ(expected.str(), actual) << "the odds feed differs from " << expected_path;
}

} // namespace
} // namespace simbook::api
