#include "engine/baseball/exact.hpp"
#include "engine/baseball/kernel_params.hpp"
#include "kernels/baseball/baseball_params.hpp"
#include "kernels/baseball/baseball_step.cuh"
#include "kernels/baseball/launch.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "models/baseball_model.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace simbook::kernels::baseball {
namespace {

constexpr double kTwo32 = 4294967296.0;

BaseballParams Params(const models::BaseballModel& model) {
    auto params = engine::MakeBaseballKernelParams(model);
    EXPECT_TRUE(params.ok()) << params.status().message();
    return params.value();
}

BaseballState State(const engine::BaseballState& s) {
    auto state = engine::MakeBaseballKernelState(s);
    EXPECT_TRUE(state.ok()) << state.status().message();
    return state.value();
}

models::BaseballModel AutomaticRunner() {
    models::BaseballModel m = models::ExampleBaseballModel();
    m.automatic_runner = true;
    m.day_sd = 0.0;
    return m;
}

//! Pre-game and live states, with the starters in and out, in the 9th and in extra innings.
const engine::BaseballState kStates[] = {
    {},
    {3, false, 1, 5, 1, 0, true, true},
    {7, true, 2, 7, 3, 4, false, true},
    {9, true, 1, 2, 3, 4, false, false},
    {11, false, 0, 2, 5, 5, false, false},
    {1, false, 1, 1, 0, 0, true, true},
};

bool SameBytes(const BaseballOutcome& a, const BaseballOutcome& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

std::vector<BaseballOutcome> RunCpu(const BaseballParams& p, const BaseballState& s, std::uint64_t seed,
                                    std::uint64_t first, std::size_t n, int threads) {
    std::vector<BaseballOutcome> out(n);
    const Status status = RunBaseball(p, s, seed, first, n, out.data(), {Backend::kCpu, threads});
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
}

std::vector<BaseballOutcome> RunScalar(const BaseballParams& p, const BaseballState& s, std::uint64_t seed,
                                       std::uint64_t first, std::size_t n) {
    std::vector<BaseballOutcome> out(n);
    const BaseballGame<ScalarLanes> game{p, s, seed};
    for (std::size_t i = 0; i < n; ++i) {
        game(first + i, &out[i], 1);
    }
    return out;
}

void ExpectSame(const std::vector<BaseballOutcome>& a, const std::vector<BaseballOutcome>& b, const std::string& what) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_TRUE(SameBytes(a[i], b[i])) << what << ": path " << i << " differs";
    }
}

//! The thresholds carry the matchup rates (to 2^-32) and the base running of the model's transitions.
TEST(BaseballKernelTest, ThresholdsCarryTheModel) {
    const models::BaseballModel m = models::ExampleBaseballModel();
    const BaseballParams p = Params(m);
    const auto days = models::DayFactors(m.day_sd);
    ASSERT_EQ(days.size(), 3u);
    for (int day = 0; day < kDayFactors; ++day) {
        const models::MatchupRates rates = models::MakeMatchupRates(m, days[day].first, days[day].first);
        for (int side = 0; side < 2; ++side) {
            for (int row = 0; row < kInningRows; ++row) {
                for (int pitcher = 0; pitcher < 2; ++pitcher) {
                    const models::PaRates& r = rates.rates[row][side][pitcher];
                    const std::uint32_t* t = p.pa_threshold[PaTable(side, day, row, pitcher)];
                    double cumulative = 0.0;
                    for (int k = 0; k + 1 < kPaOutcomes; ++k) {
                        cumulative += r[k];
                        EXPECT_NEAR(t[k] / kTwo32, cumulative, 1e-9) << side << " " << day << " " << row;
                    }
                }
            }
        }
    }
    EXPECT_NEAR(p.day_threshold[0] / kTwo32, 1.0 / 6.0, 1e-9);
    EXPECT_NEAR(p.day_threshold[1] / kTwo32, 5.0 / 6.0, 1e-9);
    // A single with a runner on 2nd, no outs: four branches with the model's probabilities in order.
    models::PaRates single{};
    single[static_cast<int>(models::PaOutcome::kSingle)] = 1.0;
    for (int state : {0, 2, 3, 7, 13, 21}) {
        const models::PaTransitions t = models::BaseOutTransitions(state, single, m.running);
        const int r = static_cast<int>(models::PaOutcome::kSingle) * kBaseOutStates + state;
        double cumulative = 0.0;
        for (int b = 0; b < t.count; ++b) {
            const std::uint16_t packed = p.running_result[r][b];
            EXPECT_EQ(packed & 31, t.items[b].next) << state;
            EXPECT_EQ((packed >> kRunsShift) & 7, t.items[b].runs) << state;
            cumulative += t.items[b].probability;
            if (b + 1 < t.count) {
                EXPECT_NEAR(p.running_threshold[r][b] / kTwo32, cumulative, 1e-9) << state;
            }
        }
    }
}

//! SIMD lanes and scalar lanes give byte-identical outcomes for every path, whatever the range.
TEST(BaseballKernelTest, SimdLanesMatchScalarLanes) {
    for (const models::BaseballModel& m : {models::ExampleBaseballModel(), AutomaticRunner()}) {
        const BaseballParams p = Params(m);
        for (const engine::BaseballState& s : kStates) {
            const BaseballState k = State(s);
            const std::size_t n = 4 * static_cast<std::size_t>(BaseballCpuLanes()) + 3; // a scalar tail too
            ExpectSame(RunCpu(p, k, 7, 1000, n, 1), RunScalar(p, k, 7, 1000, n), "cpu vs scalar");
            const BaseballGame<SimdLanes<kNativeLanes>> wide{p, k, 7};
            std::vector<BaseballOutcome> lanes(kNativeLanes);
            wide(1003, lanes.data(), kNativeLanes); // an unaligned first path
            ExpectSame(lanes, RunScalar(p, k, 7, 1003, kNativeLanes), "simd lanes vs scalar");
        }
    }
}

//! One thread or two, and any split of the range: the same paths.
TEST(BaseballKernelTest, SamePathsForAnyThreadsAndRange) {
    const BaseballParams p = Params(models::ExampleBaseballModel());
    const BaseballState k = State({});
    const std::size_t n = 5000;
    const auto one = RunCpu(p, k, 11, 0, n, 1);
    ExpectSame(one, RunCpu(p, k, 11, 0, n, 2), "1 vs 2 threads");
    auto split = RunCpu(p, k, 11, 0, 1237, 2);
    const auto rest = RunCpu(p, k, 11, 1237, n - 1237, 1);
    split.insert(split.end(), rest.begin(), rest.end());
    ExpectSame(one, split, "one range vs two");
    std::vector<BaseballOutcome> reference(n);
    ASSERT_TRUE(RunBaseballScalar(p, k, 11, 0, n, reference.data(), 2).ok());
    ExpectSame(one, reference, "simd vs the scalar launcher");
    EXPECT_FALSE(SameBytes(one[0], RunCpu(p, k, 12, 0, 1, 1)[0]) && SameBytes(one[1], RunCpu(p, k, 12, 1, 1, 1)[0]))
        << "another seed gives other paths";
}

//! Every outcome obeys the rules: nine innings at least, no tie, walk-offs won by the home team by at most four,
//! inning runs adding up to the runs after the state, a home team that leads after the top of the 9th not batting.
TEST(BaseballKernelTest, OutcomesObeyTheRules) {
    const BaseballParams p = Params(models::ExampleBaseballModel());
    for (const engine::BaseballState& s : kStates) {
        const BaseballState k = State(s);
        const auto out = RunCpu(p, k, 3, 0, 20000, 2);
        for (const BaseballOutcome& o : out) {
            ASSERT_EQ(o.invalid, 0);
            ASSERT_GE(o.innings, 9);
            ASSERT_NE(o.score[0], o.score[1]);
            ASSERT_GE(o.score[0], s.home_runs);
            ASSERT_GE(o.score[1], s.away_runs);
            if (o.walkoff) {
                ASSERT_GT(o.score[0], o.score[1]);
                ASSERT_LE(o.score[0] - o.score[1], 4);
            }
            if (o.innings <= kReportedInnings) {
                int runs[2] = {0, 0};
                for (int team = 0; team < 2; ++team) {
                    for (int i = 0; i < kReportedInnings; ++i) {
                        runs[team] += o.inning_runs[team][i];
                    }
                }
                ASSERT_EQ(runs[0], o.score[0] - s.home_runs);
                ASSERT_EQ(runs[1], o.score[1] - s.away_runs);
                if (o.score[0] > o.score[1] && !o.walkoff && o.innings == 9) {
                    ASSERT_EQ(o.inning_runs[0][8], 0) << "the home team does not bat in the 9th when ahead";
                }
            }
            const bool scored = o.score[0] + o.score[1] > s.home_runs + s.away_runs;
            ASSERT_EQ(o.first_score != 0, scored);
        }
    }
}

//! Kernel states and the exact pricer's states convert both ways.
TEST(BaseballKernelTest, StatesConvertBothWays) {
    for (const engine::BaseballState& s : kStates) {
        const engine::BaseballState back = engine::ExactBaseballState(State(s));
        EXPECT_EQ(back.inning, s.inning);
        EXPECT_EQ(back.bottom, s.bottom);
        EXPECT_EQ(back.outs, s.outs);
        EXPECT_EQ(back.bases, s.bases);
        EXPECT_EQ(back.home_runs, s.home_runs);
        EXPECT_EQ(back.away_runs, s.away_runs);
        EXPECT_EQ(back.home_starter_in, s.home_starter_in);
        EXPECT_EQ(back.away_starter_in, s.away_starter_in);
    }
}

//! Bad states and models are refused with the field named; the launcher refuses what the kernel cannot play.
TEST(BaseballKernelTest, RefusesBadStatesAndModels) {
    const auto ahead = engine::MakeBaseballKernelState({9, true, 0, 0, 5, 3, true, true});
    ASSERT_FALSE(ahead.ok());
    EXPECT_NE(ahead.status().message().find("score"), std::string::npos) << ahead.status().message();
    const auto outs = engine::MakeBaseballKernelState({2, false, 3, 0, 0, 0, true, true});
    ASSERT_FALSE(outs.ok());
    EXPECT_NE(outs.status().message().find("outs"), std::string::npos) << outs.status().message();

    models::BaseballModel bad = models::ExampleBaseballModel();
    bad.home.batting[0] += 0.1;
    const auto params = engine::MakeBaseballKernelParams(bad);
    ASSERT_FALSE(params.ok());
    EXPECT_NE(params.status().message().find("home.batting"), std::string::npos) << params.status().message();

    const BaseballParams p = Params(models::ExampleBaseballModel());
    BaseballState k{};
    k.bases = 9;
    std::vector<BaseballOutcome> out(4);
    const Status status = RunBaseball(p, k, 1, 0, out.size(), out.data(), {Backend::kCpu, 1});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("bases"), std::string::npos) << status.message();
    k = BaseballState{};
    k.inning = kMaxInnings + 1;
    EXPECT_FALSE(RunBaseball(p, k, 1, 0, out.size(), out.data(), {Backend::kCpu, 1}).ok());
}

//! A game still tied after kMaxInnings is flagged invalid (the host counts it), never played on without end.
TEST(BaseballKernelTest, FlagsGamesPastTheInningsCap) {
    const BaseballParams p = Params(models::ExampleBaseballModel());
    BaseballState k{};
    k.inning = kMaxInnings;
    k.score[0] = k.score[1] = 2;
    k.starter_in[0] = k.starter_in[1] = 0;
    const auto out = RunCpu(p, k, 9, 0, 4000, 2);
    int invalid = 0;
    for (const BaseballOutcome& o : out) {
        invalid += o.invalid;
        ASSERT_EQ(o.invalid != 0, o.score[0] == o.score[1]);
        ASSERT_EQ(o.invalid != 0, o.innings == kMaxInnings + 1);
    }
    EXPECT_GT(invalid, 4000 / 4); // about half the innings end tied
    EXPECT_LT(invalid, 4000 * 3 / 4);
}

//! The CUDA backend gives the CPU's outcomes path for path (skipped without a GPU).
TEST(BaseballKernelTest, CudaMatchesCpu) {
    if (!CudaAvailable()) {
        GTEST_SKIP() << "no CUDA device";
    }
    const BaseballParams p = Params(models::ExampleBaseballModel());
    for (const engine::BaseballState& s : kStates) {
        const BaseballState k = State(s);
        const std::size_t n = 10000;
        std::vector<BaseballOutcome> gpu(n);
        const Status status = RunBaseball(p, k, 5, 77, n, gpu.data(), {Backend::kCuda, 0});
        ASSERT_TRUE(status.ok()) << status.message();
        ExpectSame(gpu, RunCpu(p, k, 5, 77, n, 2), "cuda vs cpu");
    }
}

} // namespace
} // namespace simbook::kernels::baseball
