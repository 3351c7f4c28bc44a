// American football as a registered sport: the name round trip, the live state (round trip, refusals naming the
// field with the game unchanged, updates only forward, key events), the yard line moving the prices, and the
// tallies (quarters, races, next score).
#include "engine/football/game.hpp"
#include "engine/football/tallies.hpp"
#include "engine/game_loader.hpp"
#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "engine/sports.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace simbook::engine {
namespace {

using nlohmann::json;

Game MakeFootball(const json& state = nullptr, bool clock = true) {
    GameSource source;
    source.sport = Sport::kFootball;
    source.state = state;
    if (!clock) {
        source.model = json{{"home", {{"points", 23.5}}}, {"away", {{"points", 21.0}}}, {"clock", false}};
    }
    Result<GameModel> model = LoadGame(source);
    EXPECT_TRUE(model.ok()) << model.status().message();
    Result<Game> game = MakeGame(model.value());
    EXPECT_TRUE(game.ok()) << game.status().message();
    return std::move(game).value();
}

SimulationResult Simulate(const Game& game, std::uint64_t paths = 40'000) {
    Simulation simulation(game.spec);
    simulation.WithPaths(paths).WithSeed(11);
    Result<SimulationResult> result = simulation.Run();
    EXPECT_TRUE(result.ok()) << result.status().message();
    return std::move(result).value();
}

TEST(FootballGame, IsRegisteredOnceByName) {
    Result<Sport> sport = ParseSport("football");
    ASSERT_TRUE(sport.ok());
    EXPECT_EQ(*sport, Sport::kFootball);
    EXPECT_STREQ(SportName(Sport::kFootball), "football");
    EXPECT_EQ(SportOfGame<FootballGame>(), Sport::kFootball);
    EXPECT_EQ(Sports::kCount, 4u);
    const SportRules& rules = RulesOf(Sport::kFootball);
    EXPECT_TRUE(rules.quarters && rules.races && rules.score_types && rules.game_can_draw);
    EXPECT_EQ(rules.quarter_seconds, 900);
    EXPECT_EQ(rules.race_first, 10);
    EXPECT_EQ(rules.race_last, 30);
    Result<Sport> bad = ParseSport("american");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("football"), std::string::npos) << bad.status().message();
}

TEST(FootballGame, LiveStateRoundTrips) {
    const json state = {{"quarter", 3}, {"clock", "07:42"},     {"home", 17},
                        {"away", 10},   {"possession", "away"}, {"yard_line", 35},
                        {"down", 3},    {"distance", 8},        {"received_opening_kickoff", "home"}};
    Game game = MakeFootball(state);
    const FootballGame& f = *game.football();
    EXPECT_EQ(f.state.seconds_left, 900 + 7 * 60 + 42);
    EXPECT_EQ(f.state.possession, 1);
    EXPECT_EQ(f.state.now_set, 1);
    EXPECT_EQ(f.state.opening_receiver, 0);
    EXPECT_EQ(ElapsedSeconds(game.spec), 3600 - (900 + 462));
    EXPECT_FALSE(AtStart(game.spec));
    EXPECT_EQ(FootballStateJson(f), state);
    EXPECT_TRUE(AtStart(MakeFootball().spec));
}

TEST(FootballGame, BadStatesAreRefusedNamingTheFieldAndLeaveTheGameUnchanged) {
    Game game = MakeFootball({{"quarter", 2}, {"clock", "10:00"}, {"home", 7}});
    const json before = FootballStateJson(*game.football());
    const std::pair<json, const char*> bad[] = {
        {{{"quarter", 5}}, "state.quarter"},
        {{{"quarter", 2}, {"clock", "16:00"}}, "state.clock"},
        {{{"quarter", 2}, {"clock", "ten"}}, "state.clock"},
        {{{"quarter", 4}, {"clock", 0}}, "state.clock"},
        {{{"quarter", 2}, {"home", -3}}, "state.home"},
        {{{"quarter", 2}, {"possession", "nobody"}}, "state.possession"},
        {{{"quarter", 2}, {"yard_line", 40}}, "state.yard_line"},
        {{{"quarter", 2}, {"possession", "home"}, {"yard_line", 101}}, "state.yard_line"},
        {{{"quarter", 2}, {"possession", "home"}, {"yard_line", 40}, {"down", 5}, {"distance", 3}}, "state.down"},
        {{{"quarter", 2}, {"possession", "home"}, {"yard_line", 40}, {"down", 2}}, "state.distance"},
        {{{"quarter", 2}, {"possession", "home"}, {"yard_line", 95}, {"down", 1}, {"distance", 10}}, "state.distance"},
        {{{"quarter", 2}, {"possession", "home"}, {"down", 1}, {"distance", 10}}, "state.down"},
        {{{"quarter", 2}, {"turnover", true}}, "state.turnover"},
        {{{"quarter", 2}, {"weather", "rain"}}, "state.weather"},
    };
    for (const auto& [state, field] : bad) {
        Status s = SetState(game, state);
        ASSERT_FALSE(s.ok()) << state.dump();
        EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << state.dump();
        EXPECT_NE(s.message().find(field), std::string::npos) << state.dump() << ": " << s.message();
        EXPECT_EQ(FootballStateJson(*game.football()), before) << state.dump();
    }
}

TEST(FootballGame, UpdatesOnlyGoForwardAndReportKeyEvents) {
    Game game = MakeFootball({{"quarter", 2}, {"clock", "10:00"}, {"home", 7}, {"away", 3}});
    const json before = FootballStateJson(*game.football());
    const std::pair<json, const char*> back[] = {
        {{{"quarter", 2}, {"clock", "11:00"}, {"home", 7}, {"away", 3}}, "clock"},
        {{{"quarter", 1}, {"clock", "01:00"}, {"home", 7}, {"away", 3}}, "clock"},
        {{{"quarter", 2}, {"clock", "09:00"}, {"home", 0}, {"away", 3}}, "home"},
    };
    for (const auto& [state, field] : back) {
        Result<std::vector<KeyEvent>> r = AdvanceState(game, state);
        ASSERT_FALSE(r.ok()) << state.dump();
        EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
        EXPECT_NE(r.status().message().find(field), std::string::npos) << r.status().message();
        EXPECT_EQ(FootballStateJson(*game.football()), before);
    }
    const auto events = [&](const json& state) {
        Result<std::vector<KeyEvent>> r = AdvanceState(game, state);
        EXPECT_TRUE(r.ok()) << state.dump() << ": " << r.status().message();
        std::string types;
        for (const KeyEvent& e : r.value()) {
            types += (types.empty() ? "" : ",") + e.type;
        }
        return types;
    };
    EXPECT_EQ(events({{"quarter", 2}, {"clock", "08:00"}, {"home", 14}, {"away", 3}}), "touchdown");
    EXPECT_EQ(events({{"quarter", 2}, {"clock", "04:00"}, {"home", 14}, {"away", 6}}), "field_goal");
    EXPECT_EQ(events({{"quarter", 3}, {"clock", "12:00"}, {"home", 14}, {"away", 8}}), "safety");
    EXPECT_EQ(events({{"quarter", 3},
                      {"clock", "10:00"},
                      {"home", 14},
                      {"away", 8},
                      {"possession", "away"},
                      {"yard_line", 70},
                      {"turnover", true}}),
              "turnover");
    EXPECT_EQ(events({{"quarter", 3}, {"clock", "10:00"}, {"home", 14}, {"away", 8}}), "");
}

TEST(FootballGame, TheYardLineMovesThePrices) {
    // Down 3 with five minutes left: the trailing team's chances grow with its field position, and so do its
    // touchdown chances on the drive in progress.
    double last_win = 0.0, last_td = 0.0;
    for (int yard : {5, 25, 50, 75, 95}) {
        const Game game = MakeFootball({{"quarter", 4},
                                        {"clock", "05:00"},
                                        {"home", 20},
                                        {"away", 17},
                                        {"possession", "away"},
                                        {"yard_line", yard}});
        const SimulationResult r = Simulate(game);
        const double away = r.WinProbabilities()[2];
        const double td = static_cast<double>(r.football()->next_score[1]) / static_cast<double>(r.sims);
        EXPECT_GT(away, last_win + 0.01) << "yard line " << yard;
        EXPECT_GT(td, last_td) << "yard line " << yard;
        last_win = away;
        last_td = td;
    }
    // Down and distance: a 3rd and 15 scores less often than a 1st and 10 from the same spot.
    const json first = {{"quarter", 2},    {"clock", "08:00"}, {"possession", "home"},
                        {"yard_line", 60}, {"down", 1},        {"distance", 10}};
    json third = first;
    third["down"] = 3;
    third["distance"] = 15;
    // The drive in progress: P(touchdown) is its first threshold, P(touchdown or field goal) its second.
    const Game first_down = MakeFootball(first), third_down = MakeFootball(third);
    const auto& now_first = first_down.football()->state.now_threshold;
    const auto& now_third = third_down.football()->state.now_threshold;
    EXPECT_LT(now_third[0], now_first[0]);
    EXPECT_LT(now_third[1], now_first[1]);
}

TEST(FootballGame, FieldPositionCurveRisesTowardsTheGoalLine) {
    models::DriveEnds normal;
    normal.p[0] = 0.215;
    normal.p[1] = 0.145;
    normal.p[2] = 0.004;
    normal.p[3] = 0.115;
    normal.p[4] = 1.0 - 0.215 - 0.145 - 0.004 - 0.115;
    const models::DriveEnds at_start = models::DriveEndsAtYardLine(normal, models::kNormalStartYardLine);
    for (int k = 0; k < 5; ++k) {
        EXPECT_NEAR(at_start.p[k], normal.p[k], 1e-12);
    }
    double last = -1.0;
    for (int y = 0; y <= 100; y += 5) {
        const models::DriveEnds e = models::DriveEndsAtYardLine(normal, y);
        double sum = 0.0;
        for (double p : e.p) {
            EXPECT_GE(p, 0.0);
            sum += p;
        }
        EXPECT_NEAR(sum, 1.0, 1e-12);
        const double ep = models::DriveExpectedPoints(e);
        EXPECT_GT(ep, last) << y;
        last = ep;
    }
    EXPECT_LT(models::EffectiveYardLine(60, 3, 15), models::EffectiveYardLine(60, 1, 10));
}

TEST(FootballGame, TalliesCountQuartersRacesAndTheNextScore) {
    const Game game = MakeFootball();
    const SimulationResult r = Simulate(game);
    const FootballTallies& t = *r.football();
    double quarters = 0.0;
    for (int team = 0; team < 2; ++team) {
        for (int q = 0; q < 4; ++q) {
            const double mean = static_cast<double>(t.quarter_points[team][q]) / double(r.sims);
            EXPECT_GT(mean, 2.0) << team << " " << q;
            EXPECT_LT(mean, 9.0) << team << " " << q;
            quarters += mean;
        }
    }
    const auto mean = r.MeanScore();
    const double overtime_points = mean[0] + mean[1] - quarters;
    EXPECT_GE(overtime_points, 0.0);
    EXPECT_LT(overtime_points, 0.6);
    std::uint64_t next = 0;
    for (std::uint64_t c : t.next_score) {
        next += c;
    }
    EXPECT_EQ(next, r.sims);
    EXPECT_GT(t.next_score[1], t.next_score[2]); // touchdowns come before field goals more often
    for (const auto& race : t.race) {
        EXPECT_EQ(race[0] + race[1] + race[2], r.sims);
    }
    EXPECT_GT(t.race[0][0], t.race[0][1]); // the stronger home team gets to 10 first more often
    // A live state where the home team already has 14: the race to 10 is settled for it on every path.
    const SimulationResult live = Simulate(MakeFootball({{"quarter", 2}, {"clock", "03:00"}, {"home", 14}}), 5000);
    EXPECT_EQ(live.football()->race[0][0], live.sims);
}

TEST(FootballGame, FittedNflTeamsLoad) {
    GameSource source;
    source.sport = Sport::kFootball;
    source.league = "nfl";
    source.home_team = "Patriots";
    source.away_team = "Dolphins";
    source.params_dir = SIMBOOK_PARAMS_DIR;
    Result<GameModel> model = LoadGame(source);
    ASSERT_TRUE(model.ok()) << model.status().message();
    const models::FootballMatchModel& m = *model->football();
    EXPECT_GT(m.home_points, m.away_points);
    EXPECT_GT(m.home_advantage, 0.0);
    source.home_team = "Patriot";
    Result<GameModel> bad = LoadGame(source);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("Patriot"), std::string::npos);
}

} // namespace
} // namespace simbook::engine
