// The one loading rule (engine/game_loader.hpp): a fitted league or a given model, never both; soccer expected
// goals override a given or default model only; the state applies last; errors name the caller's field.
#include "engine/game_loader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace simbook::engine {
namespace {

GameSource Fitted(Sport sport, const std::string& league, const std::string& home, const std::string& away) {
    GameSource s;
    s.sport = sport;
    s.league = league;
    s.home_team = home;
    s.away_team = away;
    s.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    return s;
}

std::string Message(const GameSource& source, const FieldNames& names = {}) {
    const auto loaded = LoadGame(source, names);
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? "" : loaded.status().message();
}

TEST(GameLoader, FittedLeagueGivesTheTeamsAndNames) {
    const auto model = LoadGame(Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Chelsea"));
    ASSERT_TRUE(model.ok()) << model.status().message();
    const auto game = MakeGame(model.value());
    ASSERT_TRUE(game.ok());
    EXPECT_EQ(game->sport(), Sport::kSoccer);
    EXPECT_EQ(game->home_name, "Arsenal");
    EXPECT_TRUE(AtStart(game->spec));

    const auto nba = MakeGame(LoadGame(Fitted(Sport::kBasketball, "nba", "BOS", "DAL")).value());
    ASSERT_TRUE(nba.ok());
    EXPECT_EQ(nba->home_name, "Boston Celtics");
    ASSERT_NE(nba->basketball(), nullptr);
    EXPECT_FALSE(nba->basketball()->player_names.empty());
}

TEST(GameLoader, ALeagueOrAModelNeverBoth) {
    GameSource both = Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Chelsea");
    both.model = nlohmann::json::object();
    EXPECT_NE(Message(both).find("league: "), std::string::npos);
    GameSource half = Fitted(Sport::kSoccer, "premier-league", "Arsenal", "");
    EXPECT_NE(Message(half).find("away_team: "), std::string::npos);
    GameSource teams_only = Fitted(Sport::kSoccer, "", "Arsenal", "Chelsea");
    EXPECT_NE(Message(teams_only).find("league: "), std::string::npos);
    EXPECT_NE(Message(Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Arsenal")).find("cannot play itself"),
              std::string::npos);
    // A league without a fit, or not a league key, is the request's error; an unknown team names the teams.
    const auto missing = LoadGame(Fitted(Sport::kSoccer, "atlantis", "A", "B"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(LoadGame(Fitted(Sport::kSoccer, "../soccer/premier-league", "A", "B")).status().code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(LoadGame(Fitted(Sport::kSoccer, std::string("premier-league\0", 15), "A", "B")).status().code(),
              StatusCode::kInvalidArgument);
    EXPECT_NE(Message(Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Nobody")).find("home_team: "),
              std::string::npos);
}

TEST(GameLoader, ExpectedGoalsOverrideAGivenModelOnly) {
    GameSource given;
    given.model = nlohmann::json{{"home_xg", 2.0}, {"away_xg", 0.5}};
    given.away_xg = 1.25;
    const auto model = LoadGame(given);
    ASSERT_TRUE(model.ok()) << model.status().message();
    EXPECT_DOUBLE_EQ(model->soccer()->home_xg, 2.0);
    EXPECT_DOUBLE_EQ(model->soccer()->away_xg, 1.25);

    GameSource fitted = Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Chelsea");
    fitted.home_xg = 3.0;
    EXPECT_NE(Message(fitted).find("home_xg: "), std::string::npos);
    GameSource basketball;
    basketball.sport = Sport::kBasketball;
    basketball.home_xg = 1.0;
    EXPECT_NE(Message(basketball).find("home_xg: "), std::string::npos);
}

TEST(GameLoader, TheStateAppliesLastAndErrorsUseTheCallersNames) {
    GameSource source = Fitted(Sport::kBasketball, "nba", "BOS", "DAL");
    source.state = {{"period", 3}, {"clock", "6:00"}, {"home", 70}, {"away", 66}};
    const auto game = MakeGame(LoadGame(source).value());
    ASSERT_TRUE(game.ok());
    EXPECT_EQ(game->basketball()->state.period, 3);
    EXPECT_FALSE(AtStart(game->spec));
    EXPECT_EQ(ElapsedSeconds(*game->basketball()), 2 * 720 + 360);

    GameSource cli = Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Chelsea");
    cli.home_xg = 1.0;
    const FieldNames option = [](std::string_view f) { return "--" + std::string(f); };
    EXPECT_EQ(Message(cli, option).rfind("--home_xg: ", 0), 0U);
}

// A live update: parsed, checked against the current state, key events listed, applied.
TEST(GameLoader, AdvanceStateFindsKeyEventsAndRefusesGoingBack) {
    Game game = MakeGame(LoadGame(Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Chelsea")).value()).value();
    auto events = AdvanceState(game, {{"minute", 20}, {"home", 1}, {"away", 0}});
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1U);
    EXPECT_EQ(events->front().type, "goal");
    EXPECT_EQ(game.soccer()->state.home, 1);
    const auto back = AdvanceState(game, {{"minute", 25}, {"home", 0}, {"away", 0}});
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(game.soccer()->state.home, 1); // unchanged
    EXPECT_EQ(AdvanceState(game, {{"minute", "x"}}).status().code(), StatusCode::kInvalidArgument);
}

TEST(GameLoader, NothingHappensAfterTheEnd) {
    Game soccer = MakeGame(LoadGame(Fitted(Sport::kSoccer, "premier-league", "Arsenal", "Chelsea")).value()).value();
    ASSERT_TRUE(AdvanceState(soccer, {{"finished", true}, {"home", 1}, {"away", 0}}).ok());
    const auto late_goal = AdvanceState(soccer, {{"finished", true}, {"home", 1}, {"away", 1}});
    ASSERT_FALSE(late_goal.ok());
    EXPECT_EQ(late_goal.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(soccer.soccer()->state.away, 0);
    EXPECT_TRUE(AdvanceState(soccer, {{"finished", true}, {"home", 1}, {"away", 0}}).ok()); // the same again

    Game basketball = MakeGame(LoadGame(Fitted(Sport::kBasketball, "nba", "BOS", "DAL")).value()).value();
    ASSERT_TRUE(AdvanceState(basketball, {{"period", 4}, {"clock", 0}, {"home", 101}, {"away", 99}}).ok());
    const auto late_basket = AdvanceState(basketball, {{"period", 4}, {"clock", 0}, {"home", 101}, {"away", 102}});
    ASSERT_FALSE(late_basket.ok());
    EXPECT_EQ(late_basket.status().code(), StatusCode::kFailedPrecondition);
    // A tie at the buzzer goes to overtime.
    ASSERT_TRUE(
        AdvanceState(basketball = MakeGame(LoadGame(Fitted(Sport::kBasketball, "nba", "BOS", "DAL")).value()).value(),
                     {{"period", 4}, {"clock", 0}, {"home", 100}, {"away", 100}})
            .ok());
    EXPECT_TRUE(AdvanceState(basketball, {{"period", 5}, {"clock", 200}, {"home", 104}, {"away", 100}}).ok());
}

} // namespace
} // namespace simbook::engine
