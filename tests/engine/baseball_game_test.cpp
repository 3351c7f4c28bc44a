// Baseball as a registered sport: the registration, its game's traits, the live-state parser (bad input refused,
// the game left as it was), state updates and the race to N runs read from a path.
#include "engine/baseball/game.hpp"
#include "engine/baseball/tallies.hpp"
#include "engine/game_loader.hpp"
#include "engine/game_spec.hpp"
#include "engine/sports.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace simbook::engine {
namespace {

using nlohmann::json;
namespace kbb = kernels::baseball;

Game ExampleGame() {
    GameSource source;
    source.sport = Sport::kBaseball;
    Result<GameModel> model = LoadGame(source);
    EXPECT_TRUE(model.ok()) << model.status().message();
    Result<Game> game = MakeGame(model.value());
    EXPECT_TRUE(game.ok()) << game.status().message();
    return std::move(game).value();
}

bool SameState(const kbb::BaseballState& a, const kbb::BaseballState& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(BaseballGame, RegisteredAsTheThirdSport) {
    Result<Sport> sport = ParseSport("baseball");
    ASSERT_TRUE(sport.ok()) << sport.status().message();
    EXPECT_EQ(sport.value(), Sport::kBaseball);
    EXPECT_STREQ(SportName(Sport::kBaseball), "baseball");
    EXPECT_EQ(SportOfGame<BaseballGame>(), Sport::kBaseball);
    static_assert(std::is_same_v<GameOf<kbb::BaseballOutcome>, BaseballGame>);
    EXPECT_TRUE(RulesOf(Sport::kBaseball).innings);
    EXPECT_TRUE(RulesOf(Sport::kBaseball).races);
    EXPECT_FALSE(RulesOf(Sport::kBaseball).game_can_draw);
    EXPECT_EQ(RulesOf(Sport::kBaseball).main_handicap, 1.5);
    // The error of an unknown sport lists the three.
    Result<Sport> bad = ParseSport("cricket");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("baseball"), std::string::npos) << bad.status().message();

    const Game game = ExampleGame();
    EXPECT_EQ(game.sport(), Sport::kBaseball);
    ASSERT_NE(game.baseball(), nullptr);
    EXPECT_TRUE(AtStart(game.spec));
    EXPECT_EQ(ElapsedSeconds(game.spec), 0);
    EXPECT_EQ(CurrentScore(game.spec), (std::array<int, 2>{0, 0}));
    EXPECT_EQ(VisitSport(Sport::kBaseball, [](auto g) { return std::string(decltype(g)::type::kName); }), "baseball");
}

TEST(BaseballGame, LiveStateRoundTrip) {
    Game game = ExampleGame();
    const json state = {{"inning", 7},
                        {"half", "bottom"},
                        {"outs", 1},
                        {"bases", {1, 3}},
                        {"home", 3},
                        {"away", 2},
                        {"home_pitcher", "bullpen"},
                        {"away_pitcher", "starter"}};
    ASSERT_TRUE(SetState(game, state).ok());
    const kbb::BaseballState& s = game.baseball()->state;
    EXPECT_EQ(s.inning, 7);
    EXPECT_EQ(s.bottom, 1);
    EXPECT_EQ(s.outs, 1);
    EXPECT_EQ(s.bases, 0b101);
    EXPECT_EQ(s.score[0], 3);
    EXPECT_EQ(s.score[1], 2);
    EXPECT_EQ(s.starter_in[0], 0);
    EXPECT_EQ(s.starter_in[1], 1);
    EXPECT_EQ(BaseballStateJson(s), state);
    EXPECT_FALSE(AtStart(game.spec));
    // 6 innings and the top of the 7th done, one out: 40 outs at the nominal minute each.
    EXPECT_EQ(ElapsedSeconds(game.spec), 40 * kSecondsPerOut);
    // null is the first pitch again.
    ASSERT_TRUE(SetState(game, json(nullptr)).ok());
    EXPECT_TRUE(AtStart(game.spec));
}

TEST(BaseballGame, BadStatesAreRefusedNamingTheFieldAndChangeNothing) {
    Game game = ExampleGame();
    ASSERT_TRUE(SetState(game, {{"inning", 3}, {"home", 1}}).ok());
    const kbb::BaseballState before = game.baseball()->state;
    const std::vector<std::pair<json, std::string>> bad = {
        {json::array(), "state"},
        {{{"inning", 0}}, "state.inning"},
        {{{"inning", 1.5}}, "state.inning"},
        {{{"inning", "seven"}}, "state.inning"},
        {{{"half", "middle"}}, "state.half"},
        {{{"outs", 3}}, "state.outs"},
        {{{"outs", -1}}, "state.outs"},
        {{{"bases", {4}}}, "state.bases"},
        {{{"bases", {1, 1}}}, "state.bases"},
        {{{"bases", "1,3"}}, "state.bases"},
        {{{"bases", {1, 2, 3, 1}}}, "state.bases"},
        {{{"home", -1}}, "state.home"},
        {{{"away", 41}}, "state.away"},
        {{{"home_pitcher", "closer"}}, "state.home_pitcher"},
        {{{"away_pitcher", true}}, "state.away_pitcher"},
        {{{"minute", 60}}, "state.minute"},
        // The home team ahead from the bottom of the 9th on: the game is over.
        {{{"inning", 9}, {"half", "bottom"}, {"home", 4}, {"away", 3}}, "state.score"},
        {{{"inning", 11}, {"home", 5}, {"away", 3}}, "state.score"},
    };
    for (const auto& [state, field] : bad) {
        const Status s = SetState(game, state);
        ASSERT_FALSE(s.ok()) << state;
        EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << state;
        EXPECT_EQ(s.message().rfind(field + ":", 0), 0u) << state << " -> " << s.message();
        EXPECT_TRUE(SameState(game.baseball()->state, before)) << state;
    }
}

TEST(BaseballGame, UpdatesMoveForwardWithKeyEvents) {
    Game game = ExampleGame();
    ASSERT_TRUE(SetState(game, {{"inning", 5}, {"half", "top"}, {"outs", 2}, {"home", 2}, {"away", 1}}).ok());
    const kbb::BaseballState before = game.baseball()->state;
    const std::vector<std::pair<json, std::string>> back = {
        {{{"inning", 4}, {"half", "bottom"}, {"home", 2}, {"away", 1}}, "inning"},
        {{{"inning", 5}, {"outs", 1}, {"home", 2}, {"away", 1}}, "inning"},
        {{{"inning", 5}, {"outs", 2}, {"home", 1}, {"away", 1}}, "home"},
    };
    for (const auto& [state, field] : back) {
        Result<std::vector<KeyEvent>> r = AdvanceState(game, state);
        ASSERT_FALSE(r.ok()) << state;
        EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition) << state;
        EXPECT_EQ(r.status().message().rfind(field + ":", 0), 0u) << r.status().message();
        EXPECT_TRUE(SameState(game.baseball()->state, before)) << state;
    }
    Result<std::vector<KeyEvent>> run =
        AdvanceState(game, {{"inning", 5}, {"half", "bottom"}, {"home", 2}, {"away", 3}, {"away_pitcher", "bullpen"}});
    ASSERT_TRUE(run.ok()) << run.status().message();
    ASSERT_EQ(run->size(), 2u);
    EXPECT_EQ((*run)[0].type, "run");
    EXPECT_EQ((*run)[1].type, "pitching_change");
    Result<std::vector<KeyEvent>> back_in =
        AdvanceState(game, {{"inning", 6}, {"home", 2}, {"away", 3}, {"away_pitcher", "starter"}});
    ASSERT_FALSE(back_in.ok());
    EXPECT_EQ(back_in.status().code(), StatusCode::kFailedPrecondition);
}

TEST(BaseballGame, RaceToNRunsInInningOrder) {
    kbb::BaseballOutcome o{};
    // Away 2 in the 1st, home 3 in the 1st, away 1 in the 3rd; final 3-3 after 9, then 12 innings... keep it simple:
    // a 9-inning game, home wins 5-3.
    o.inning_runs[1][0] = 2;
    o.inning_runs[0][0] = 3;
    o.inning_runs[1][2] = 1;
    o.inning_runs[0][5] = 2;
    o.score[0] = 5;
    o.score[1] = 3;
    EXPECT_EQ(BaseballRaceWinner(o, {0, 0}, 1), 2); // the visitors bat first
    EXPECT_EQ(BaseballRaceWinner(o, {0, 0}, 2), 2);
    EXPECT_EQ(BaseballRaceWinner(o, {0, 0}, 3), 1); // home's 3 in the 1st before away's 3rd run in the 3rd
    EXPECT_EQ(BaseballRaceWinner(o, {0, 0}, 5), 1);
    EXPECT_EQ(BaseballRaceWinner(o, {0, 0}, 6), 0);
    // From a state with the visitors on 4 already: they won the race to 4 before it.
    EXPECT_EQ(BaseballRaceWinner(o, {1, 4}, 4), 2);
    EXPECT_EQ(BaseballRaceWinner(o, {4, 4}, 4), 0);
    // Past the reported innings: every extra inning tied but the last, the visitors batting first.
    kbb::BaseballOutcome extra{};
    extra.score[0] = 7;
    extra.score[1] = 6;
    EXPECT_EQ(BaseballRaceWinner(extra, {5, 5}, 6), 2);
    EXPECT_EQ(BaseballRaceWinner(extra, {5, 5}, 7), 1);
}

TEST(BaseballGame, TalliesCountWhatThePathsSay) {
    Game game = ExampleGame();
    BaseballTallies t = EmptyTallies(*game.baseball());
    EXPECT_TRUE(t.at_start);
    EXPECT_TRUE(t.first_five_open);
    kbb::BaseballOutcome o{};
    o.score[0] = 1;
    o.score[1] = 0;
    o.inning_runs[0][8] = 1;
    o.innings = 9;
    o.walkoff = 1;
    o.first_score = 1;
    t.Sink(o);
    BaseballTallies u = EmptyTallies(*game.baseball());
    u.Sink(o);
    t.Combine(u);
    EXPECT_EQ(t.walkoffs, 2u);
    EXPECT_EQ(t.scoreless_first, 2u);
    EXPECT_EQ(t.first_score[1], 2u);
    EXPECT_EQ(t.race[0][0], 2u); // home first to 1
    EXPECT_EQ(t.race[1][2], 2u); // nobody reaches 2
    EXPECT_EQ(t.inning_runs[0][8], 2u);
}

} // namespace
} // namespace simbook::engine
