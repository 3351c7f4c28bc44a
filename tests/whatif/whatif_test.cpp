// What-if runs: common random numbers against independent seeds, paired deltas and their errors, scenario
// changes (including a red card scheduled by the kernel, checked against the exact Poisson model), sweeps, and
// bad input refused before anything runs.
#include "kernels/launch.hpp"
#include "models/basketball_fit.hpp"
#include "whatif/scenario.hpp"
#include "whatif/whatif.hpp"
#include "whatif/whatif_api.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace simbook::whatif {
namespace {

namespace ks = kernels::soccer;

RunConfig Config(std::uint64_t paths, std::uint64_t seed) {
    RunConfig c;
    c.paths = paths;
    c.seed = seed;
    c.launch = {kernels::Backend::kCpu, 0};
    return c;
}

GameModel Soccer(double home_xg = 1.45, double away_xg = 1.15) {
    GameModel b;
    b.model = models::SoccerModel{};
    b.soccer()->home_xg = home_xg;
    b.soccer()->away_xg = away_xg;
    return b;
}

std::vector<Change> Scenario(const GameModel& base, const std::string& text) {
    Result<std::vector<Change>> c = ParseScenario(nlohmann::json::parse(text), "scenario", base);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.value_or({});
}

GameSpec Build(const GameModel& base, const std::vector<Change>& changes) {
    Result<GameSpec> g = BuildScenario(base, changes, "scenario");
    EXPECT_TRUE(g.ok()) << g.status().message();
    return g.value();
}

double Mean(const std::vector<double>& x) {
    double s = 0.0;
    for (double v : x) {
        s += v;
    }
    return s / static_cast<double>(x.size());
}

double StdDev(const std::vector<double>& x) {
    const double m = Mean(x);
    double s = 0.0;
    for (double v : x) {
        s += (v - m) * (v - m);
    }
    return std::sqrt(s / static_cast<double>(x.size() - 1));
}

// The headline claim: for the same number of paths, the delta measured on common random numbers has a
// standard error several times smaller than with independent seeds, and the paired formula is the truth:
// both formulas match the spread of deltas over many seeds.
TEST(WhatIf, CommonRandomNumbersCutTheDeltaErrorSeveralTimes) {
    const GameModel base = Soccer();
    const GameSpec b = BuildBase(base).value();
    const GameSpec s = Build(base, Scenario(base, R"([{"type":"rating","team":"home","xg_mult":1.05}])"));
    const std::vector<PathMarket> markets = ParsePathMarkets("h2h,totals:2.5", b).value();
    constexpr int kReps = 40;
    constexpr std::uint64_t kPaths = 20'000;
    std::vector<double> crn, independent, crn_se, independent_se;
    for (int r = 0; r < kReps; ++r) {
        const GameSpec scenarios[] = {s};
        RunConfig paired = Config(kPaths, 100 + r);
        const ScenarioResult p = RunWhatIf(b, scenarios, markets, paired).value().front();
        RunConfig apart = paired;
        apart.scenario_seed = 10'000 + r;
        const ScenarioResult q = RunWhatIf(b, scenarios, markets, apart).value().front();
        const OutcomeDelta& home_p = p.markets[0].outcomes[0];
        const OutcomeDelta& home_q = q.markets[0].outcomes[0];
        crn.push_back(home_p.delta);
        crn_se.push_back(home_p.delta_se);
        independent.push_back(home_q.delta);
        independent_se.push_back(home_q.independent_se);
    }
    const double empirical_crn = StdDev(crn);
    const double empirical_independent = StdDev(independent);
    const double ratio = empirical_independent / empirical_crn;
    RecordProperty("empirical_se_ratio", std::to_string(ratio));
    std::printf("delta P(home) sd over %d seeds: paired %.5f (formula %.5f), independent %.5f (formula %.5f), "
                "ratio %.2f\n",
                kReps, empirical_crn, Mean(crn_se), empirical_independent, Mean(independent_se), ratio);
    EXPECT_GT(Mean(independent_se) / Mean(crn_se), 3.0);
    EXPECT_GT(ratio, 2.5);
    // A standard deviation from 40 samples is within ~30% of the truth with high probability.
    EXPECT_NEAR(empirical_crn / Mean(crn_se), 1.0, 0.35);
    EXPECT_NEAR(empirical_independent / Mean(independent_se), 1.0, 0.35);
    // Both runs estimate the same delta: their means agree within their errors.
    EXPECT_NEAR(Mean(crn), Mean(independent),
                4.0 * std::hypot(empirical_crn, empirical_independent) / std::sqrt(kReps));
    EXPECT_GT(Mean(crn), 0.0);
}

TEST(WhatIf, AnUnchangedScenarioHasZeroDeltaAndZeroError) {
    const GameModel base = Soccer();
    const GameSpec b = BuildBase(base).value();
    const std::vector<PathMarket> markets = ParsePathMarkets("h2h,next_goal,lead_change:20", b).value();
    const GameSpec scenarios[] = {b};
    const ScenarioResult r = RunWhatIf(b, scenarios, markets, Config(5'000, 3)).value().front();
    for (const MarketDelta& m : r.markets) {
        EXPECT_EQ(m.settled, 5'000u);
        double total = 0.0;
        for (const OutcomeDelta& o : m.outcomes) {
            EXPECT_EQ(o.delta, 0.0);
            EXPECT_EQ(o.delta_se, 0.0);
            EXPECT_GT(o.independent_se, 0.0);
            total += o.base;
        }
        EXPECT_NEAR(total, 1.0, 1e-12) << m.key;
    }
}

TEST(WhatIf, ResultsDependOnSeedAndPathsOnlyNotOnBatches) {
    const GameModel base = Soccer();
    const GameSpec b = BuildBase(base).value();
    const GameSpec scenarios[] = {Build(base, Scenario(base, R"([{"type":"pace","mult":1.2}])"))};
    const std::vector<PathMarket> markets = ParsePathMarkets("totals:2.5", b).value();
    RunConfig small = Config(10'000, 5);
    small.batch = 777;
    small.launch.threads = 1;
    const auto a = RunWhatIf(b, scenarios, markets, Config(10'000, 5)).value().front();
    const auto c = RunWhatIf(b, scenarios, markets, small).value().front();
    EXPECT_EQ(a.markets[0].outcomes[0].scenario, c.markets[0].outcomes[0].scenario);
    EXPECT_EQ(a.markets[0].outcomes[0].delta_se, c.markets[0].outcomes[0].delta_se);
}

// A red card scheduled at minute M, with no score effects: each team's goals are Poisson with the rate
// changing at M by the red-card multipliers, so P(home scores 0) and P(away scores 0) are exact.
TEST(WhatIf, ScheduledRedCardMatchesTheExactPoissonModel) {
    GameModel base = Soccer(1.6, 1.2);
    *base.soccer() = base.soccer()->WithoutStateEffects();
    const GameSpec b = BuildBase(base).value();
    const GameSpec s = Build(base, Scenario(base, R"([{"type":"red_card","team":"home","minute":30}])"));
    EXPECT_DOUBLE_EQ(s.soccer()->params.red_card_at[0], 30.0);
    const ks::SoccerParams& p = s.soccer()->params;
    // Shape-minutes share before minute 30: segments 0-15 and 15-30.
    const double lambda30 = p.shape_end[1];
    const double share = lambda30 / p.shape_end[ks::kSegments - 1];
    const double home_mean = 1.6 * (share + (1.0 - share) * base.soccer()->red_own_mult);
    const double away_mean = 1.2 * (share + (1.0 - share) * base.soccer()->red_opp_mult);
    const std::vector<PathMarket> markets =
        ParsePathMarkets("team_totals:home:0.5,team_totals:away:0.5,totals:2.5", b).value();
    const GameSpec scenarios[] = {s};
    constexpr std::uint64_t kPaths = 200'000;
    const ScenarioResult r = RunWhatIf(b, scenarios, markets, Config(kPaths, 11)).value().front();
    const OutcomeDelta& home_under = r.markets[0].outcomes[1];
    const OutcomeDelta& away_under = r.markets[1].outcomes[1];
    EXPECT_NEAR(home_under.scenario, std::exp(-home_mean), 4.0 * home_under.scenario_se);
    EXPECT_NEAR(away_under.scenario, std::exp(-away_mean), 4.0 * away_under.scenario_se);
    EXPECT_NEAR(home_under.base, std::exp(-1.6), 4.0 * home_under.base_se);
    // Total goals: Poisson(home_mean + away_mean) under 2.5.
    const double m = home_mean + away_mean;
    const double under = std::exp(-m) * (1.0 + m + m * m / 2.0);
    EXPECT_NEAR(r.markets[2].outcomes[1].scenario, under, 4.0 * r.markets[2].outcomes[1].scenario_se);
    // Paths before minute 30 are shared, so the delta is more precise than two independent runs (about 2.2
    // times here: after the card the changed rates remap which team each later event goes to).
    EXPECT_LT(1.5 * home_under.delta_se, home_under.independent_se);
}

// The scheduled card draws no extra numbers: every path is identical to the base's up to the card.
TEST(WhatIf, ScheduledRedCardLeavesPathsUntouchedBeforeIt) {
    const GameModel base = Soccer();
    const GameSpec b = BuildBase(base).value();
    const GameSpec s = Build(base, Scenario(base, R"([{"type":"red_card","team":"away","minute":60}])"));
    constexpr std::size_t kCount = 20'000;
    std::vector<ks::SoccerOutcome> x(kCount), y(kCount);
    const kernels::LaunchConfig cpu{kernels::Backend::kCpu, 0};
    ASSERT_TRUE(kernels::RunSoccer(b.soccer()->params, b.soccer()->state, 5, 0, kCount, x.data(), cpu).ok());
    ASSERT_TRUE(kernels::RunSoccer(s.soccer()->params, s.soccer()->state, 5, 0, kCount, y.data(), cpu).ok());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < kCount; ++i) {
        EXPECT_GE(y[i].red_away, 1); // the scheduled card (random cards after minute 60 may differ)
        EXPECT_EQ(x[i].ht_home, y[i].ht_home);
        EXPECT_EQ(x[i].ht_away, y[i].ht_away);
        for (int g = 0; g < std::min(x[i].goals_recorded, y[i].goals_recorded); ++g) {
            if (x[i].goal_minute[g] > 60 || y[i].goal_minute[g] > 60) {
                break;
            }
            EXPECT_EQ(x[i].goal_minute[g], y[i].goal_minute[g]);
            EXPECT_EQ((x[i].goal_team_bits >> g) & 1u, (y[i].goal_team_bits >> g) & 1u);
        }
        differ += x[i].home != y[i].home || x[i].away != y[i].away;
    }
    EXPECT_GT(differ, kCount / 20); // the card does change later goals
}

TEST(WhatIf, RedCardAtTheStateMinuteGoesIntoTheState) {
    GameModel base = Soccer();
    base.state = {{"minute", 60}, {"home", 1}, {"away", 0}};
    const GameSpec s = Build(base, Scenario(base, R"([{"type":"red_card","team":"away","minute":60}])"));
    EXPECT_EQ(s.soccer()->state.red[1], 1);
    EXPECT_EQ(s.soccer()->params.red_card_at[1], 0.0);
    const std::vector<Change> early = Scenario(base, R"([{"type":"red_card","team":"away","minute":20}])");
    const Result<GameSpec> refused = BuildScenario(base, early, "scenario");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("scenario[0].minute"), std::string::npos);
}

TEST(WhatIf, NeutralVenueDropsTheFittedHomeAdvantage) {
    GameModel base = Soccer();
    base.params_dir = SIMBOOK_PARAMS_DIR;
    base.league = "premier-league";
    base.home_team = "Arsenal";
    base.away_team = "Chelsea";
    nlohmann::json body{
        {"sport", "soccer"}, {"league", "premier-league"}, {"home_team", "Arsenal"}, {"away_team", "Chelsea"}};
    base = BaseGameFromJson(body, SIMBOOK_PARAMS_DIR).value();
    const GameSpec b = BuildBase(base).value();
    const GameSpec s = Build(base, Scenario(base, R"([{"type":"neutral_venue"}])"));
    EXPECT_LT(s.soccer()->params.goal_rate[0], b.soccer()->params.goal_rate[0]);
    EXPECT_EQ(s.soccer()->params.goal_rate[1], b.soccer()->params.goal_rate[1]);
    // NBA: the matchup refitted with 0 home-advantage points lowers the home team's make rates.
    const GameModel nba =
        BaseGameFromJson({{"sport", "basketball"}, {"league", "nba"}, {"home_team", "BOS"}, {"away_team", "DAL"}},
                         SIMBOOK_PARAMS_DIR)
            .value();
    const auto neutral = ParseScenario(nlohmann::json::parse(R"([{"type":"neutral_venue"}])"), "scenario", nba).value();
    const GameSpec on_neutral = Build(nba, neutral);
    const models::BasketballModel home_court =
        models::MakeMatchup(models::LoadFittedLeague(std::string(SIMBOOK_PARAMS_DIR) + "/nba/2023-24.json").value(),
                            "BOS", "DAL", 0.0)
            .value();
    EXPECT_LT(home_court.home.two_pct, nba.basketball()->home.two_pct);
    EXPECT_GT(home_court.away.two_pct, nba.basketball()->away.two_pct);
    const kernels::basketball::BasketballParams expected = models::MakeBasketballParams(home_court).value();
    EXPECT_EQ(std::memcmp(&on_neutral.basketball()->params, &expected, sizeof expected), 0);
    // Not fitted: refused with the field named.
    const GameModel plain = Soccer();
    const auto refused = ParseScenario(nlohmann::json::parse(R"([{"type":"neutral_venue"}])"), "scenario", plain);
    ASSERT_TRUE(refused.ok());
    const Result<GameSpec> built = BuildScenario(plain, *refused, "scenario");
    ASSERT_FALSE(built.ok());
    EXPECT_NE(built.status().message().find("scenario[0].type"), std::string::npos);
}

// The possession model keeps team rates fixed (availability moves a player's minutes to his teammates), so
// a player out moves player props, not the moneyline: the teammate's line rises, the star's falls to zero.
TEST(WhatIf, PlayerOutMovesPropsAndSweepsGiveACurve) {
    WhatIfContext ctx;
    ctx.params_dir = SIMBOOK_PARAMS_DIR;
    ctx.launch = {kernels::Backend::kCpu, 0};
    const nlohmann::json game{{"sport", "basketball"}, {"league", "nba"}, {"home_team", "BOS"}, {"away_team", "DAL"}};
    const GameModel base = BaseGameFromJson(game, ctx.params_dir).value();
    const std::string star = base.basketball()->home.players[0].name;
    const std::string mate = base.basketball()->home.players[1].name;
    nlohmann::json body = game;
    body["sims"] = 20'000;
    body["markets"] = "h2h,player_points:" + star + ":0.5,player_points:" + mate + ":20.5";
    body["scenario"] = {{{"type", "player_out"}, {"player", star}}};
    const Result<nlohmann::json> r = WhatIfRequest(body, ctx);
    ASSERT_TRUE(r.ok()) << r.status().message();
    const nlohmann::json& markets = (*r)["markets"];
    EXPECT_EQ(markets[0]["outcomes"][0]["delta"].get<double>(), 0.0);    // team strength unchanged
    EXPECT_EQ(markets[1]["outcomes"][1]["scenario"].get<double>(), 1.0); // the star scores nothing
    const nlohmann::json& mate_over = markets[2]["outcomes"][0];
    EXPECT_GT(mate_over["delta"].get<double>(), 4.0 * mate_over["delta_se"].get<double>());

    nlohmann::json sweep = game;
    sweep["sims"] = 20'000;
    sweep["markets"] = "player_points:" + star + ":14.5";
    sweep["sweep"] = {{"type", "minutes_cap"}, {"player", star}, {"minutes", {{"from", 0}, {"to", 30}, {"step", 10}}}};
    const Result<nlohmann::json> curve = WhatIfRequest(sweep, ctx);
    ASSERT_TRUE(curve.ok()) << curve.status().message();
    EXPECT_EQ((*curve)["sweep"]["values"], nlohmann::json({0.0, 10.0, 20.0, 30.0}));
    const nlohmann::json& over = (*curve)["sweep"]["markets"][0]["outcomes"][0];
    ASSERT_EQ(over["scenario"].size(), 4u);
    for (std::size_t i = 1; i < 4; ++i) {
        const double rise = over["delta"][i].get<double>() - over["delta"][i - 1].get<double>();
        EXPECT_GT(rise, 4.0 * std::hypot(over["delta_se"][i].get<double>(), over["delta_se"][i - 1].get<double>()));
    }
}

// Bad input: a clear error naming the field, and nothing runs (the CUDA backend is asked for, which a
// CPU-only build cannot run: reaching the kernels would turn the error into Unavailable).
TEST(WhatIf, BadInputIsRefusedBeforeAnythingRuns) {
    WhatIfContext ctx;
    ctx.params_dir = SIMBOOK_PARAMS_DIR;
    ctx.launch = {kernels::Backend::kCuda, 0};
    const nlohmann::json nba{{"sport", "basketball"}, {"league", "nba"}, {"home_team", "BOS"}, {"away_team", "DAL"}};
    const nlohmann::json soccer{{"sport", "soccer"}};
    struct Case {
        nlohmann::json body;
        std::string field;
    };
    const auto with = [](nlohmann::json body, const char* key, nlohmann::json value) {
        body[key] = std::move(value);
        return body;
    };
    const std::vector<Case> cases = {
        {with(nba, "scenario", nlohmann::json::parse(R"([{"type":"player_out","player":"Nobody Atall"}])")),
         "Nobody Atall"},
        {with(nba, "scenario", nlohmann::json::parse(R"([{"type":"pace","team":"LAL","mult":1.1}])")),
         "scenario[0].team"},
        {with(soccer, "scenario",
              nlohmann::json::parse(
                  R"([{"type":"rating","team":"home","xg":1.2},{"type":"rating","team":"home","xg_mult":1.1}])")),
         "scenario[1]"},
        {with(soccer, "scenario",
              nlohmann::json::parse(
                  R"([{"type":"state","state":{"minute":10}},{"type":"state","state":{"minute":20}}])")),
         "scenario[1]"},
        {with(nba, "scenario",
              nlohmann::json::parse(
                  R"([{"type":"player_out","player":"X"},{"type":"minutes_cap","player":"X","minutes":20}])")),
         "scenario[1]"},
        {with(soccer, "sweep", nlohmann::json::parse(R"({"type":"pace","mult":{"from":0.5,"to":1.5,"step":0.01}})")),
         "sweep.mult"},
        // Counts past every integer type (fuzzing finding, 2026-12-07: the count was cast to long long, UB).
        {with(soccer, "sweep",
              nlohmann::json::parse(R"({"type":"pace","mult":{"from":0.8,"to":118446744073709551616.2,"step":0.2}})")),
         "the sweep has 5.92e+20 points"},
        {with(soccer, "sweep",
              nlohmann::json::parse(R"({"type":"pace","mult":{"from":-1e308,"to":1e308,"step":1e-300}})")),
         "the sweep has inf points"},
        {with(soccer, "sweep", nlohmann::json::parse(R"({"type":"pace","mult":{"from":0,"to":20000,"step":1}})")),
         "the sweep has 20001 points"},
        {with(soccer, "scenario", nlohmann::json::parse(R"([{"type":"player_out","player":"X"}])")),
         "scenario[0].type"},
        {with(soccer, "scenario", nlohmann::json::parse(R"([{"type":"rating","team":"home","xgg":1}])")),
         "scenario[0].xgg"},
        {with(soccer, "scenario", nlohmann::json::parse(R"([{"type":"teleport"}])")), "scenario[0].type"},
        {soccer, "scenario"},
        {with(with(soccer, "state", {{"minute", 200}}), "scenario", nlohmann::json::array()), "state.minute"},
        {with(soccer, "scenario", nlohmann::json::parse(R"([{"type":"state","state":{"minute":30,"home":-1}}])")),
         "scenario[0].state.home"},
        {with(with(soccer, "scenario", nlohmann::json::array()), "markets", "totals:2"), "totals:2"},
    };
    for (const Case& c : cases) {
        const Result<nlohmann::json> r = WhatIfRequest(c.body, ctx);
        ASSERT_FALSE(r.ok()) << c.body.dump();
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().message();
        EXPECT_NE(r.status().message().find(c.field), std::string::npos) << r.status().message();
        EXPECT_EQ(r.status().message().find('\n'), std::string::npos);
    }
}

// A league the request names and no fitted file has is the request's error (400), never the server's (503).
TEST(WhatIf, AnUnknownLeagueIsTheRequestsError) {
    const auto base = BaseGameFromJson(
        {{"sport", "soccer"}, {"league", "atlantis"}, {"home_team", "Arsenal"}, {"away_team", "Chelsea"}},
        SIMBOOK_PARAMS_DIR);
    ASSERT_FALSE(base.ok());
    EXPECT_EQ(base.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(base.status().message().rfind("league: ", 0), 0U) << base.status().message();
}

} // namespace
} // namespace simbook::whatif
