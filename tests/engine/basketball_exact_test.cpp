#include "engine/basketball/exact.hpp"
#include "engine/basketball/lead_table.hpp"

#include "bench/engine/basketball_exact_baseline.hpp"
#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "tests/engine/basketball_exact_checks.hpp"
#include "tests/engine/exact_checks.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace simbook::engine {
namespace {

namespace kb = kernels::basketball;

struct BasketballCase {
    const char* state;
};

class BasketballExactTest : public ::testing::TestWithParam<BasketballCase> {};

TEST_P(BasketballExactTest, MonteCarloMatchesPossessionDp) {
    const kb::BasketballParams params = models::MakeBasketballParams(models::ExampleBasketballModel()).value();
    const auto state = ParseBasketballState(nlohmann::json::parse(GetParam().state));
    ASSERT_TRUE(state.ok()) << state.status().message();
    const auto mc = Simulation(BasketballGame{params, state.value(), {}}).WithPaths(100000).WithSeed(21).Run();
    ASSERT_TRUE(mc.ok()) << mc.status().message();
    const ScoreDistribution exact = ExactBasketball(params, state.value());
    EXPECT_LT(std::abs(exact.Truncated()), 1e-9);
    EXPECT_NEAR(exact.WinProbabilities()[1], 0.0, 1e-9) << "the DP must play overtime until untied";
    ExpectMatchesExact(mc.value(), exact, GetParam().state);
}

INSTANTIATE_TEST_SUITE_P(Grid, BasketballExactTest,
                         ::testing::Values(BasketballCase{"{}"}, BasketballCase{R"({"possession": "away"})"},
                                           BasketballCase{R"({"period": 3, "clock": "2:00", "home": 70, "away": 70,
                                                              "possession": "home"})"},
                                           BasketballCase{R"({"period": 4, "clock": "8:00", "home": 92, "away": 89,
                                                              "possession": "home"})"},
                                           BasketballCase{R"({"period": 2, "clock": 431, "home": 30, "away": 41,
                                                              "possession": "away"})"},
                                           BasketballCase{R"({"period": 4, "clock": "0:30", "home": 100, "away": 99})"},
                                           BasketballCase{R"({"period": 4, "clock": "0:05", "home": 101, "away": 101,
                                                              "possession": "away"})"},
                                           BasketballCase{R"({"period": 5, "clock": "2:10", "home": 110, "away": 110,
                                                              "possession": "away"})"}));

TEST(BasketballExactTest, PossessionPmfMatchesHandComputation) {
    // A team that only takes twos at 50% with no offensive rebounds scores 0 or 2 points a possession.
    models::BasketballModel m = models::ExampleBasketballModel();
    m.home.turnover_rate = 0.0;
    m.home.three_rate = 0.0;
    m.home.ft_trip_rate = 0.0;
    m.home.two_pct = 0.5;
    m.home.off_rebound_pct = 0.0;
    const auto pmf = PossessionPointsPmf(models::MakeBasketballParams(m).value().team[0]);
    EXPECT_NEAR(pmf[0], 0.5, 1e-9);
    EXPECT_NEAR(pmf[2], 0.5, 1e-9);
    EXPECT_NEAR(pmf[1] + pmf[3], 0.0, 1e-9);
    // With offensive rebounds at 50%, a miss is retried: P(2) = 0.5 / (1 - 0.25) = 2/3.
    m.home.off_rebound_pct = 0.5;
    EXPECT_NEAR(PossessionPointsPmf(models::MakeBasketballParams(m).value().team[0])[2], 2.0 / 3.0, 1e-9);
}

//! Live states over which the rewritten DP must reproduce the baseline and its own marginals.
const char* const kStates[] = {
    "{}",
    R"({"possession": "home"})",
    R"({"possession": "away"})",
    R"({"period": 1, "clock": "5:13", "home": 12, "away": 9})",
    R"({"period": 2, "clock": 431, "home": 30, "away": 41, "possession": "away"})",
    R"({"period": 3, "clock": "2:00", "home": 70, "away": 70, "possession": "home"})",
    R"({"period": 4, "clock": "8:00", "home": 92, "away": 89, "possession": "home"})",
    R"({"period": 4, "clock": "8:00", "home": 80, "away": 95})",
    R"({"period": 4, "clock": "0:30", "home": 100, "away": 99})",
    R"({"period": 4, "clock": "0:05", "home": 101, "away": 101, "possession": "away"})",
    R"({"period": 4, "clock": 0, "home": 101, "away": 101})",
    R"({"period": 5, "clock": "2:10", "home": 110, "away": 110, "possession": "away"})",
    R"({"period": 6, "clock": "4:59", "home": 118, "away": 121, "possession": "home"})",
};

kb::BasketballParams Params() {
    return models::MakeBasketballParams(models::ExampleBasketballModel()).value();
}

kb::BasketballState State(const char* json) {
    const auto state = ParseBasketballState(nlohmann::json::parse(json));
    EXPECT_TRUE(state.ok()) << json << ": " << state.status().message();
    return state.value();
}

//! The example model without the lead pull: independent possessions, the case the baseline DP covers.
kb::BasketballParams IndependentParams() {
    models::BasketballModel m = models::ExampleBasketballModel();
    m.lead_pull = 0.0;
    return models::MakeBasketballParams(m).value();
}

TEST(BasketballExactTest, SharedPowersGridEqualsBaseline) {
    const kb::BasketballParams params = IndependentParams();
    for (const char* json : kStates) {
        const kb::BasketballState state = State(json);
        const ScoreDistribution fast = ExactBasketball(params, state);
        const ScoreDistribution slow = bench::ExactBasketballBaseline(params, state);
        ASSERT_EQ(fast.dim(), slow.dim());
        double worst = 0.0;
        for (std::size_t h = 0; h < fast.dim(); ++h) {
            for (std::size_t a = 0; a < fast.dim(); ++a) {
                worst = std::max(worst, std::abs(fast.At(h, a) - slow.At(h, a)));
            }
        }
        EXPECT_LT(worst, 1e-14) << json;
        EXPECT_NEAR(fast.Truncated(), slow.Truncated(), 1e-12) << json;
        EXPECT_LT(std::abs(fast.Truncated()), 1e-9) << json;
    }
}

TEST(BasketballExactTest, SharedPowersGridEqualsBaselineOnOtherModelsAndSmallGrids) {
    // A slow, offensive-rebound-heavy matchup (more overtime lengths and ties) and a grid that truncates.
    models::BasketballModel m = models::ExampleBasketballModel();
    m.home.off_rebound_pct = 0.4;
    m.away.three_rate = 0.5;
    m.lead_pull = 0.0;
    const kb::BasketballParams params = models::MakeBasketballParams(m).value();
    for (const char* json : kStates) {
        const kb::BasketballState state = State(json);
        for (const std::size_t dim : {std::size_t{140}, std::size_t{320}}) {
            const ScoreDistribution fast = ExactBasketball(params, state, dim);
            const ScoreDistribution slow = bench::ExactBasketballBaseline(params, state, dim);
            double worst = 0.0;
            for (std::size_t h = 0; h < dim; ++h) {
                for (std::size_t a = 0; a < dim; ++a) {
                    worst = std::max(worst, std::abs(fast.At(h, a) - slow.At(h, a)));
                }
            }
            EXPECT_LT(worst, 1e-14) << json << " dim " << dim;
        }
    }
}

TEST(BasketballExactTest, MarginAndTotalAreGridMarginals) {
    const kb::BasketballParams params = Params();
    for (const char* json : kStates) {
        const kb::BasketballState state = State(json);
        const ScoreDistribution grid = ExactBasketball(params, state);
        std::vector<double> margin(2 * grid.dim(), 0.0); // index margin + dim
        std::vector<double> total(2 * grid.dim(), 0.0);
        for (std::size_t h = 0; h < grid.dim(); ++h) {
            for (std::size_t a = 0; a < grid.dim(); ++a) {
                margin[h + grid.dim() - a] += grid.At(h, a);
                total[h + a] += grid.At(h, a);
            }
        }
        const IntegerPmf m = ExactBasketballMargin(params, state);
        const IntegerPmf t = ExactBasketballTotal(params, state);
        const int dim = static_cast<int>(grid.dim());
        double worst_margin = 0.0;
        double worst_total = 0.0;
        for (int x = -dim; x < dim; ++x) {
            worst_margin = std::max(worst_margin, std::abs(m.At(x) - margin[static_cast<std::size_t>(x + dim)]));
        }
        for (int x = 0; x < 2 * dim; ++x) {
            worst_total = std::max(worst_total, std::abs(t.At(x) - total[static_cast<std::size_t>(x)]));
        }
        EXPECT_LT(worst_margin, 1e-12) << json;
        EXPECT_LT(worst_total, 1e-12) << json;
        EXPECT_NEAR(m.At(0), 0.0, 1e-12) << json << ": the margin series must play overtime until untied";
        EXPECT_NEAR(m.Sum(), 1.0, 1e-9) << json;
        EXPECT_NEAR(t.Sum(), 1.0, 1e-9) << json;
        const auto mean = grid.MeanScore();
        EXPECT_NEAR(m.Mean(), mean[0] - mean[1], 1e-9) << json;
        EXPECT_NEAR(t.Mean(), mean[0] + mean[1], 1e-9) << json;
    }
}

//! The backward table's total equals the forward DP's (ExactBasketballTotal) from every state it covers, and
//! declines the states it does not (too few slots left, a margin past its rows).
TEST(LeadTotalTableTest, TotalEqualsTheForwardDp) {
    const kb::BasketballParams params = models::MakeBasketballParams(models::ExampleBasketballModel()).value();
    ASSERT_FALSE(models::LeadIndependent(params)) << "the example model has a lead pull";
    const LeadTotalTable table(params);
    EXPECT_GT(table.Bytes(), 0u);
    int covered = 0;
    for (const char* json : {R"({})", R"({"possession": "away"})",
                             R"({"period": 1, "clock": "11:41", "home": 2, "away": 0, "possession": "away"})",
                             R"({"period": 1, "clock": "3:00", "home": 20, "away": 31, "possession": "home"})",
                             R"({"period": 2, "clock": 431, "home": 30, "away": 41, "possession": "away"})",
                             R"({"period": 3, "clock": "9:13", "home": 66, "away": 60})",
                             R"({"period": 3, "clock": "0:40", "home": 80, "away": 81, "possession": "home"})",
                             R"({"period": 4, "clock": "9:30", "home": 88, "away": 88, "possession": "away"})",
                             R"({"period": 4, "clock": "5:00", "home": 95, "away": 99, "possession": "home"})",
                             R"({"period": 4, "clock": "2:00", "home": 90, "away": 88})"}) {
        const kb::BasketballState state = State(json);
        const std::optional<IntegerPmf> fast = table.Total(state);
        ASSERT_TRUE(fast.has_value()) << json;
        ++covered;
        const IntegerPmf slow = ExactBasketballTotal(params, state);
        double worst = 0.0, below_fast = 0.0, below_slow = 0.0;
        for (int t = std::min(fast->offset, slow.offset); t < 400; ++t) {
            worst = std::max(worst, std::abs(fast->At(t) - slow.At(t)));
            below_fast += fast->At(t);
            below_slow += slow.At(t);
            worst = std::max(worst, std::abs(below_fast - below_slow)); // the cdf: every total line
        }
        EXPECT_LT(worst, 1e-10) << json; // both trim cells below 1e-16
        EXPECT_NEAR(fast->Sum(), 1.0, 1e-9) << json;
        EXPECT_NEAR(fast->Mean(), slow.Mean(), 1e-8) << json;
    }
    EXPECT_EQ(covered, 10);
    // The last few possessions and margins past the rows are the forward DP's.
    EXPECT_FALSE(table.Total(State(R"({"period": 4, "clock": "0:05", "home": 90, "away": 88})")).has_value());
    EXPECT_FALSE(table.Total(State(R"({"period": 2, "clock": "6:00", "home": 70, "away": 35})")).has_value());
}

//! The cache builds a model's table in the background: the first lookup queues it (null), a later one finds it,
//! and ExactMainLines then answers from it with the forward DP's total. Capacity 0 turns the tables off; a full
//! cache of recently used tables builds no more.
TEST(LeadTotalTableTest, CacheBuildsInTheBackgroundAndMainLinesUseIt) {
    LeadTableCache& cache = LeadTableCache::Instance();
    cache.SetCapacity(0);
    models::BasketballModel model = models::ExampleBasketballModel();
    const kb::BasketballParams params = models::MakeBasketballParams(model).value();
    EXPECT_EQ(cache.Find(params), nullptr);
    cache.SetCapacity(1);
    EXPECT_EQ(cache.Find(params), nullptr) << "queued, not built yet";
    cache.WaitIdle();
    const auto table = cache.Find(params);
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(cache.Size(), 1u);
    const kb::BasketballState state =
        State(R"({"period": 1, "clock": "10:00", "home": 5, "away": 7, "possession": "home"})");
    const ExactLines lines = ExactMainLines(BasketballGame{params, state, {}});
    const IntegerPmf slow = ExactBasketballTotal(params, state);
    double worst = 0.0;
    for (int t = 0; t < 400; ++t) {
        worst = std::max(worst, std::abs(lines.total.At(t) - slow.At(t)));
    }
    EXPECT_LT(worst, 1e-10);
    EXPECT_NEAR(lines.total.Mean(), table->Total(state)->Mean(), 1e-12) << "the main lines read the table";
    // Another model while the cache is full of a table used just now: not queued.
    model.home.three_pct += 0.02;
    const kb::BasketballParams other = models::MakeBasketballParams(model).value();
    EXPECT_EQ(cache.Find(other), nullptr);
    cache.WaitIdle();
    EXPECT_EQ(cache.Find(other), nullptr);
    EXPECT_NE(cache.Find(params), nullptr);
    // Independent possessions need no table.
    model.lead_pull = 0.0;
    EXPECT_EQ(cache.Find(models::MakeBasketballParams(model).value()), nullptr);
    cache.SetCapacity(8);
}

struct PeriodCase {
    const char* state;
};

class BasketballPeriodTest : public ::testing::TestWithParam<PeriodCase> {};

//! Runs the kernel from the state and tallies every checked period's points per path.
PeriodPointsTally SimulatePeriods(const kb::BasketballParams& params, const kb::BasketballState& state) {
    PeriodPointsTally tally;
    PathSink<kb::BasketballOutcome>* sinks[] = {&tally};
    const auto mc = Simulation(BasketballGame{params, state, {}})
                        .WithPaths(100000)
                        .WithSeed(33)
                        .RunWith<BasketballGame>(std::span<PathSink<kb::BasketballOutcome>* const>(sinks));
    EXPECT_TRUE(mc.ok()) << mc.status().message();
    EXPECT_EQ(mc.value().invalid_paths, 0u);
    return tally;
}

TEST_P(BasketballPeriodTest, MonteCarloPeriodLinesMatchExact) {
    const kb::BasketballParams params = Params();
    const kb::BasketballState state = State(GetParam().state);
    const PeriodPointsTally tally = SimulatePeriods(params, state);
    ASSERT_EQ(tally.paths(), 100000u);
    for (std::size_t p = 0; p < kCheckedPeriods.size(); ++p) {
        const ScoreDistribution exact = ExactBasketballPeriod(params, state, kCheckedPeriods[p]);
        double sum = 0.0;
        for (std::size_t h = 0; h < exact.dim(); ++h) {
            for (std::size_t a = 0; a < exact.dim(); ++a) {
                sum += exact.At(h, a);
            }
        }
        EXPECT_NEAR(sum, 1.0, 1e-12) << GetParam().state << " period " << p;
        for (const std::string& failure : PeriodMismatches(tally.Period(p), tally.paths(), exact)) {
            ADD_FAILURE() << GetParam().state << " period " << p << ": " << failure;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Grid, BasketballPeriodTest,
                         ::testing::Values(PeriodCase{"{}"}, PeriodCase{R"({"possession": "home"})"},
                                           PeriodCase{R"({"period": 1, "clock": "5:13", "home": 12, "away": 9,
                                                          "possession": "away"})"},
                                           PeriodCase{R"({"period": 2, "clock": 431, "home": 30, "away": 41})"},
                                           PeriodCase{R"({"period": 3, "clock": "0:41", "home": 70, "away": 70,
                                                          "possession": "home"})"},
                                           PeriodCase{R"({"period": 4, "clock": "8:00", "home": 92, "away": 89,
                                                          "possession": "home"})"},
                                           PeriodCase{R"({"period": 5, "clock": "2:10", "home": 110, "away": 110,
                                                          "possession": "away"})"}));

TEST(BasketballPeriodTest, CheckDetectsAPossessionOnTheWrongTeam) {
    // The period check must see one possession slot given to the wrong team: simulate with home on the ball
    // and price as if away had it.
    const kb::BasketballParams params = Params();
    kb::BasketballState state = State(R"({"period": 1, "clock": "5:13", "home": 12, "away": 9, "possession": "home"})");
    const PeriodPointsTally tally = SimulatePeriods(params, state);
    EXPECT_TRUE(PeriodMismatches(tally.Period(0), tally.paths(),
                                 ExactBasketballPeriod(params, state, BasketballPeriod::kFirstQuarter))
                    .empty());
    state.possession = 1;
    EXPECT_FALSE(PeriodMismatches(tally.Period(0), tally.paths(),
                                  ExactBasketballPeriod(params, state, BasketballPeriod::kFirstQuarter))
                     .empty());
}

TEST(BasketballPeriodTest, PeriodsAddUpToRegulation) {
    // From tip-off the four quarters share out every regulation slot: their mean points add up to the mean
    // regulation points (the grid's mean less the overtime points, which the margin-free total gives). Without
    // the lead pull, so that regulation is possessions times points per possession.
    const kb::BasketballParams params = IndependentParams();
    const kb::BasketballState state = State("{}");
    double quarters = 0.0;
    for (int q = 0; q < 4; ++q) {
        const ScoreDistribution d = ExactBasketballPeriod(params, state, static_cast<BasketballPeriod>(q));
        const auto mean = d.MeanScore();
        quarters += mean[0] + mean[1];
    }
    const ScoreDistribution half = ExactBasketballPeriod(params, state, BasketballPeriod::kFirstHalf);
    const ScoreDistribution q1 = ExactBasketballPeriod(params, state, BasketballPeriod::kFirstQuarter);
    const ScoreDistribution q2 = ExactBasketballPeriod(params, state, BasketballPeriod::kSecondQuarter);
    const auto h = half.MeanScore();
    EXPECT_NEAR(h[0] + h[1], q1.MeanScore()[0] + q1.MeanScore()[1] + q2.MeanScore()[0] + q2.MeanScore()[1], 1e-9);
    // Regulation mean: possessions per team times points per possession, averaged over the pace.
    const auto pace = models::PaceProbabilities(params);
    double regulation = 0.0;
    for (int t = 0; t < 2; ++t) {
        const auto pmf = PossessionPointsPmf(params.team[t]);
        const double per_possession = pmf[1] + 2 * pmf[2] + 3 * pmf[3];
        for (int k = 0; k < kb::kPaceValues; ++k) {
            regulation += pace[static_cast<std::size_t>(k)] * (params.pace_min + k) * per_possession;
        }
    }
    EXPECT_NEAR(quarters, regulation, 1e-9);
}

} // namespace
} // namespace simbook::engine
