#include "engine/game_state.hpp"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace simbook::engine {
namespace {

namespace ks = kernels::soccer;

ks::SoccerParams Params() {
    return models::MakeSoccerParams(models::SoccerModel{}).value();
}

std::string SoccerError(const char* text) {
    const auto r = ParseSoccerState(nlohmann::json::parse(text), Params());
    return r.ok() ? "" : r.status().message();
}

std::string BasketballError(const char* text) {
    const auto r = ParseBasketballState(nlohmann::json::parse(text));
    return r.ok() ? "" : r.status().message();
}

TEST(SoccerStateTest, MapsFootballMinutesToPlayedMinutes) {
    const ks::SoccerParams p = Params(); // 2 minutes of first-half stoppage
    EXPECT_DOUBLE_EQ(ParseSoccerState(nlohmann::json{{"minute", 30}}, p).value().minute, 30.0);
    EXPECT_DOUBLE_EQ(ParseSoccerState(nlohmann::json{{"minute", 45}, {"stoppage", 1}}, p).value().minute, 46.0);
    EXPECT_DOUBLE_EQ(ParseSoccerState(nlohmann::json{{"minute", 45}, {"half", 2}}, p).value().minute, 47.0);
    const auto s = ParseSoccerState(nlohmann::json{{"minute", 60}, {"home", 1}, {"away", 0}, {"ht_away", 0}}, p);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_DOUBLE_EQ(s.value().minute, 62.0);
    EXPECT_EQ(s.value().ht_home, 1); // defaults to the current score
    EXPECT_EQ(s.value().last_leader, 1);
    EXPECT_DOUBLE_EQ(ParseSoccerState(nlohmann::json{{"finished", true}}, p).value().minute, p.segment_end[7]);
}

TEST(SoccerStateTest, RefusesImpossibleStatesNamingTheField) {
    EXPECT_NE(SoccerError(R"({"minute": -1})").find("state.minute"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"minute": 95})").find("state.minute"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"minute": 50, "half": 1})").find("state.minute"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"home": -2})").find("state.home"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"home": 1.5})").find("state.home"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"red_home": 5})").find("state.red_home"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"minute": 60, "home": 1, "ht_home": 2})").find("state.ht_home"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"minute": 20, "ht_home": 0})").find("state.ht_home"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"minute": 30, "stoppage": 1})").find("state.stoppage"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"minute": 60, "score": 1})").find("state.score"), std::string::npos);
    EXPECT_NE(SoccerError(R"({"home": 2, "away": 0, "last_leader": "away"})").find("state.last_leader"),
              std::string::npos);
    EXPECT_NE(SoccerError(R"([1, 2])").find("state"), std::string::npos);
}

TEST(BasketballStateTest, ParsesClockAndPossession) {
    const auto s = ParseBasketballState(
        nlohmann::json{{"period", 4}, {"clock", "8:00"}, {"home", 92}, {"away", 89}, {"possession", "home"}});
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(s.value().period, 4);
    EXPECT_EQ(s.value().clock_seconds, 480);
    EXPECT_EQ(s.value().possession, 0);
    EXPECT_EQ(s.value().last_leader, 1);
    EXPECT_EQ(ParseBasketballState(nlohmann::json{{"clock", 95}}).value().clock_seconds, 95);
    EXPECT_EQ(ParseBasketballState(nlohmann::json{{"period", 5}, {"home", 100}, {"away", 100}}).value().clock_seconds,
              300);
}

TEST(BasketballStateTest, RefusesImpossibleStatesNamingTheField) {
    EXPECT_NE(BasketballError(R"({"period": 0})").find("state.period"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"clock": "-1:00"})").find("state.clock"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"clock": "8:75"})").find("state.clock"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"clock": "13:00"})").find("state.clock"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"period": 5, "clock": "6:00"})").find("state.clock"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"clock": "abc"})").find("state.clock"), std::string::npos);
    // A clock past 32 bits is refused, not wrapped to 100 seconds.
    EXPECT_NE(BasketballError(R"({"clock": 4294967396})").find("state.clock"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"clock": 18446744073709551615})").find("state.clock"), std::string::npos);
    // Minutes whose product with 60 passes 32 bits are out of range, not an overflow (found by
    // the live_state fuzzer).
    EXPECT_NE(BasketballError(R"({"period": 5, "clock": "00000000000000471353625:10", "home": 110, "away": 110})")
                  .find("outside 0:00"),
              std::string::npos);
    EXPECT_NE(BasketballError(R"({"clock": "2147483647:59"})").find("outside 0:00"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"home": -3})").find("state.home"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"possession": "left"})").find("state.possession"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"finished": true, "home": 90, "away": 90})").find("state.finished"),
              std::string::npos);
    EXPECT_NE(BasketballError(R"({"period": 6, "home": 100, "away": 90})").find("state.period"), std::string::npos);
    EXPECT_NE(BasketballError(R"({"quarter": 2})").find("state.quarter"), std::string::npos);
}

} // namespace
} // namespace simbook::engine
