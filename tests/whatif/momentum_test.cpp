// Momentum and next-event markets against exact references: constant-rate Poisson goals (next goal, goal
// before a minute, lead change in the next N minutes by a random-walk DP, lead at a minute), the basketball
// chance-outcome probabilities (next score and how), and the kernel's lead-change clock against its count.
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_step.cuh"
#include "models/basketball_model.hpp"
#include "whatif/scenario.hpp"
#include "whatif/whatif.hpp"
#include "whatif/whatif_api.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace simbook::whatif {
namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

constexpr std::uint64_t kPaths = 200'000;

RunConfig Config(std::uint64_t seed) {
    RunConfig c;
    c.paths = kPaths;
    c.seed = seed;
    c.launch = {kernels::Backend::kCpu, 0};
    return c;
}

MarketPrices Price(const GameSpec& game, const std::string& key, std::uint64_t seed = 1) {
    const std::vector<PathMarket> markets = ParsePathMarkets(key, game).value();
    return PriceMarkets(game, markets, Config(seed)).value().front();
}

//! Soccer with constant rates per shape-minute: no score effects, no red cards.
GameSpec PoissonSoccer(const nlohmann::json& state) {
    GameModel base;
    base.model = models::SoccerModel{};
    base.soccer()->home_xg = 1.5;
    base.soccer()->away_xg = 1.1;
    *base.soccer() = base.soccer()->WithoutStateEffects();
    base.state = state;
    return BuildBase(base).value();
}

double Poisson(int k, double mean) {
    return std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0));
}

void ExpectWithin(const MarketPrices& p, std::size_t outcome, double exact) {
    EXPECT_NEAR(p.probability[outcome], exact, 4.0 * p.std_error[outcome] + 1e-12)
        << p.key << " " << p.outcomes[outcome];
}

TEST(Momentum, SoccerNextGoalAndGoalBeforeMatchTheClosedForm) {
    for (const nlohmann::json& state : {nlohmann::json(), nlohmann::json{{"minute", 60}, {"home", 1}, {"away", 0}}}) {
        const GameSpec g = PoissonSoccer(state);
        const ks::SoccerParams& p = g.soccer()->params;
        const double gh = p.goal_rate[0], ga = p.goal_rate[1];
        const double now = ks::ShapeMinutes(p, g.soccer()->state.minute);
        const double left = p.shape_end[ks::kSegments - 1] - now;
        const MarketPrices next = Price(g, "next_goal");
        const double none = std::exp(-(gh + ga) * left);
        ExpectWithin(next, 0, gh / (gh + ga) * (1.0 - none));
        ExpectWithin(next, 1, ga / (gh + ga) * (1.0 - none));
        ExpectWithin(next, 2, none);
        // By football minute 75 (second half: played minute 75 + first-half stoppage) or 30.
        const int m = state.is_null() ? 30 : 75;
        const double until = ks::ShapeMinutes(p, m <= 45 ? m : m + p.first_half_stoppage);
        const MarketPrices before = Price(g, "goal_before:" + std::to_string(m), 2);
        ExpectWithin(before, 0, 1.0 - std::exp(-(gh + ga) * (until - now)));
    }
}

TEST(Momentum, SoccerLeadChangeAndLeadAtMatchARandomWalkDp) {
    const GameSpec g = PoissonSoccer({{"minute", 60}, {"home", 1}, {"away", 0}, {"last_leader", "home"}});
    const ks::SoccerParams& p = g.soccer()->params;
    const double gh = p.goal_rate[0], ga = p.goal_rate[1];
    const double now = ks::ShapeMinutes(p, 60.0 + p.first_half_stoppage);
    const double mean = (gh + ga) * (ks::ShapeMinutes(p, 80.0 + p.first_half_stoppage) - now);
    const double q = gh / (gh + ga);
    // Walk of the margin from +1: a lead change is reaching -1. DP over margins in [-1, 40] after k goals.
    constexpr int kMaxGoals = 40;
    std::vector<double> walk(kMaxGoals + 3, 0.0); // index margin + 1; index 0 absorbs (margin -1)
    walk[2] = 1.0;
    double changed = 0.0;
    for (int k = 1; k <= kMaxGoals; ++k) {
        std::vector<double> next(walk.size(), 0.0);
        next[0] = walk[0];
        for (std::size_t i = 1; i + 1 < walk.size(); ++i) {
            next[i + 1] += walk[i] * q;
            next[i - 1] += walk[i] * (1.0 - q);
        }
        walk = next;
        changed += Poisson(k, mean) * walk[0]; // P(k goals in the window) * P(the lead changed by goal k)
    }
    ExpectWithin(Price(g, "lead_change:20"), 0, changed);

    // Lead at minute 80: margin 1 + H - A with independent Poisson goals.
    const double mh = gh * (ks::ShapeMinutes(p, 80.0 + p.first_half_stoppage) - now);
    const double ma = ga * (ks::ShapeMinutes(p, 80.0 + p.first_half_stoppage) - now);
    double home = 0.0, level = 0.0;
    for (int h = 0; h < 30; ++h) {
        for (int a = 0; a < 30; ++a) {
            const double pr = Poisson(h, mh) * Poisson(a, ma);
            home += 1 + h - a > 0 ? pr : 0.0;
            level += 1 + h - a == 0 ? pr : 0.0;
        }
    }
    const MarketPrices lead = Price(g, "lead_at:80", 3);
    ExpectWithin(lead, 0, home);
    ExpectWithin(lead, 1, level);
}

// Next score after a state with the home team in possession: possessions alternate; a possession scores with
// kind k with probability q(k) = c(k) / (1 - r) (r: offensive-rebound outcomes), or ends empty with p0.
TEST(Momentum, BasketballNextScoreMatchesTheChanceProbabilities) {
    GameModel base;
    base.model = models::ExampleBasketballModel();
    base.state = {{"period", 2}, {"clock", 600}, {"home", 30}, {"away", 28}, {"possession", "home"}};
    const GameSpec g = BuildBase(base).value();
    double q[2][3], p0[2];
    for (int t = 0; t < 2; ++t) {
        const auto c = models::ChanceProbabilities(g.basketball()->params.team[t]);
        const double r = c[2] + c[5];
        q[t][0] = c[1] / (1.0 - r);
        q[t][1] = c[4] / (1.0 - r);
        q[t][2] = (c[8] + c[9]) / (1.0 - r);
        p0[t] = (c[0] + c[3] + c[6] + c[7]) / (1.0 - r);
    }
    const double cycle = 1.0 - p0[0] * p0[1];
    const MarketPrices next = Price(g, "next_score");
    for (int k = 0; k < 3; ++k) {
        ExpectWithin(next, static_cast<std::size_t>(k), q[0][k] / cycle);
        ExpectWithin(next, static_cast<std::size_t>(3 + k), p0[0] * q[1][k] / cycle);
    }
    const MarketPrices team = Price(g, "next_team_to_score", 4);
    ExpectWithin(team, 0, (q[0][0] + q[0][1] + q[0][2]) / cycle);
}

TEST(Momentum, BasketballLeadChangeClockAgreesWithTheLeadChangeCount) {
    const kb::BasketballParams params = models::MakeBasketballParams(models::ExampleBasketballModel()).value();
    const kb::BasketballState state{3, 400, {60, 58}, 1, 1};
    std::vector<kb::BasketballOutcome> out(20'000);
    ASSERT_TRUE(kernels::RunBasketball(params, state, 9, 0, out.size(), out.data(), {kernels::Backend::kCpu, 0}).ok());
    const int elapsed = 2 * kb::kQuarterSeconds + (kb::kQuarterSeconds - 400);
    int with_change = 0;
    for (const kb::BasketballOutcome& o : out) {
        EXPECT_EQ(o.lead_changes > 0, o.first_lead_change_second != kb::kNoLeadChange);
        if (o.first_lead_change_second != kb::kNoLeadChange) {
            ++with_change;
            EXPECT_GT(o.first_lead_change_second, elapsed);
            EXPECT_LT(o.first_lead_change_second, kb::kRegulationSeconds + kb::kMaxOvertimes * kb::kOvertimeSeconds);
        }
        EXPECT_LE(o.first_score, 6);
    }
    EXPECT_GT(with_change, 1000);
    // lead_change:N grows with N.
    GameModel base;
    base.model = models::ExampleBasketballModel();
    base.state = {{"period", 3}, {"clock", 400}, {"home", 60}, {"away", 58}, {"possession", "away"}};
    const GameSpec g = BuildBase(base).value();
    const std::vector<PathMarket> markets = ParsePathMarkets("lead_change:2,lead_change:6,lead_change:20", g).value();
    const auto prices = PriceMarkets(g, markets, Config(9)).value();
    EXPECT_LT(prices[0].probability[0], prices[1].probability[0]);
    EXPECT_LT(prices[1].probability[0], prices[2].probability[0]);
}

TEST(Momentum, RequestPricesWithMarginAndPlotsTheWinProbabilityPath) {
    WhatIfContext ctx;
    ctx.params_dir = SIMBOOK_PARAMS_DIR;
    ctx.launch = {kernels::Backend::kCpu, 0};
    const nlohmann::json body{{"sport", "soccer"},      {"league", "premier-league"},
                              {"home_team", "Arsenal"}, {"away_team", "Chelsea"},
                              {"sims", 50'000},         {"margin", 0.06}};
    const Result<nlohmann::json> r = MomentumRequest(body, ctx);
    ASSERT_TRUE(r.ok()) << r.status().message();
    int quoted = 0;
    for (const nlohmann::json& m : (*r)["markets"]) {
        if (m.contains("note")) { // a book the margin method cannot reach (a near-certain outcome) stays unpriced
            continue;
        }
        ++quoted;
        double implied = 0.0, fair = 0.0;
        for (const nlohmann::json& o : m["outcomes"]) {
            ASSERT_FALSE(o["price"].is_null()) << m.dump();
            implied += 1.0 / o["price"].get<double>();
            fair += o["probability"].get<double>();
        }
        EXPECT_NEAR(implied, 1.06, 1e-9) << m["market"];
        EXPECT_NEAR(fair, 1.0, 1e-12);
    }
    EXPECT_GE(quoted, 5);
    const nlohmann::json& path = (*r)["win_prob_path"];
    ASSERT_EQ(path.size(), 6u); // 15, 30, 45, 60, 75 and final
    EXPECT_GT(path[0]["level"].get<double>(), path[4]["level"].get<double>());
    EXPECT_EQ(path[5]["minute"], "final");
    const Result<nlohmann::json> bad = MomentumRequest({{"sport", "soccer"}, {"markets", "next_score"}}, ctx);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("next_score"), std::string::npos);
}

// The odds feed's entry point: a game it already holds, default keys, margin applied.
TEST(Momentum, FeedEntryPointQuotesTheDefaultKeys) {
    GameModel base;
    base.model = models::ExampleBasketballModel();
    base.state = {{"period", 4}, {"clock", 300}, {"home", 95}, {"away", 97}, {"possession", "home"}};
    const GameSpec g = BuildBase(base).value();
    RunConfig run = Config(1);
    run.paths = 20'000;
    const Result<nlohmann::json> book = MomentumMarkets(g, "", run, 0.05, odds::MarginMethod::kMultiplicative);
    ASSERT_TRUE(book.ok()) << book.status().message();
    ASSERT_EQ((*book)["markets"].size(), DefaultMomentumKeys(g).size());
    EXPECT_EQ((*book)["markets"][0]["market"], "next_team_to_score");
    EXPECT_EQ((*book)["win_prob_path"].size(), 1u); // only the final result is left after the 4th quarter began
    const Result<nlohmann::json> bad = MomentumMarkets(g, "lead_at:24", run, 0.05, odds::MarginMethod::kMultiplicative);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("lead_at:24"), std::string::npos);
}

} // namespace
} // namespace simbook::whatif
