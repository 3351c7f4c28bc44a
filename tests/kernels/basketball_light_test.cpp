#include "engine/basketball/exact.hpp"
#include "engine/game_state.hpp"
#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/light_launch.hpp"
#include "kernels/basketball/light_step.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/core/rng.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "models/basketball_model.hpp"
#include "tests/engine/statistics.hpp"
#include "tests/kernels/alias_checks.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace simbook::kernels::basketball {
namespace {

//! Number of thresholds <= x: the index a cumulative-threshold draw x selects.
template <int N> int PickIndexPortable(const std::uint32_t (&thresholds)[N], std::uint32_t x) {
    int index = 0;
    for (int i = 0; i < N; ++i) {
        index += static_cast<int>(x >= thresholds[i]);
    }
    return index;
}

BasketballParams ExampleParams() {
    return models::MakeBasketballParams(models::ExampleBasketballModel()).value();
}

BasketballState State(const char* json) {
    const auto state = engine::ParseBasketballState(nlohmann::json::parse(json));
    EXPECT_TRUE(state.ok()) << json << ": " << state.status().message();
    return state.value();
}

//! Live states of the exact tests, plus edges: a finished game, a tie at the end of regulation, an overtime at
//! 0:00 still tied, and a state whose last leader disagrees with the score.
const char* const kStates[] = {
    "{}",
    R"({"period": 4, "clock": "8:00", "home": 92, "away": 89, "possession": "home"})",
    R"({"period": 2, "clock": 431, "home": 30, "away": 41, "possession": "away"})",
    R"({"period": 4, "clock": "0:30", "home": 100, "away": 99})",
    R"({"period": 5, "clock": "2:10", "home": 110, "away": 110, "possession": "away"})",
};
const char* const kEdgeStates[] = {
    R"({"finished": true, "home": 101, "away": 99})",
    R"({"period": 4, "clock": "0:00", "home": 100, "away": 100})",
    R"({"period": 6, "clock": "0:00", "home": 120, "away": 120, "possession": "home"})",
    R"({"period": 1, "clock": "11:59", "home": 0, "away": 0, "possession": "away"})",
};

bool SameBytes(const BasketballLightOutcome& a, const BasketballLightOutcome& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

std::vector<BasketballLightOutcome> RunLight(const BasketballLightParams& p, const BasketballState& s,
                                             std::uint64_t seed, std::uint64_t first, std::size_t n, int threads) {
    std::vector<BasketballLightOutcome> out(n);
    const Status status = RunBasketballLight(p, s, seed, first, n, out.data(), {Backend::kCpu, threads});
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
}

std::vector<BasketballLightOutcome> RunScalar(const BasketballLightParams& p, const BasketballState& s,
                                              std::uint64_t seed, std::uint64_t first, std::size_t n) {
    std::vector<BasketballLightOutcome> out(n);
    const BasketballLightGame<ScalarLanes> game{p, s, seed};
    for (std::size_t i = 0; i < n; ++i) {
        game(first + i, &out[i], 1);
    }
    return out;
}

template <typename L> void ExpectPhiloxMatchesPathRng(std::uint64_t seed, std::uint64_t first_path) {
    const LanePhilox<L> philox(seed, first_path);
    constexpr int kBlocks = 6;
    std::vector<PathRng> streams;
    for (int i = 0; i < L::kWidth; ++i) {
        streams.emplace_back(seed, first_path + static_cast<std::uint64_t>(i));
    }
    for (std::uint32_t b = 0; b < kBlocks; ++b) {
        typename L::U32 words[4];
        philox.Block(b, words);
        for (int j = 0; j < 4; ++j) {
            for (int i = 0; i < L::kWidth; ++i) {
                ASSERT_EQ(L::Lane(words[j], i), streams[static_cast<std::size_t>(i)].NextU32())
                    << "width " << L::kWidth << " seed " << seed << " path " << first_path + i << " word " << 4 * b + j;
            }
        }
    }
}

//! The light alias tables carry engine::PossessionPointsPmf (to 1e-8), split into the kinds of a first score.
TEST(BasketballLightTest, PossessionThresholdsCarryThePossessionPointsPmf) {
    models::BasketballModel model = models::ExampleBasketballModel();
    model.away.off_rebound_pct = 0.45; // a long offensive-rebound chain
    model.away.ft_trip_rate = 0.3;
    model.lead_pull = 0.01; // every lead row differs
    const BasketballParams params = models::MakeBasketballParams(model).value();
    const BasketballLightParams light = MakeBasketballLightParams(params);
    for (int row = 0; row < kLeadRows * 2; ++row) {
        const int team = row / kLeadRows;
        const int lead_row = row % kLeadRows;
        const auto pmf = engine::PossessionPointsPmf(params.team[team], lead_row);
        const std::vector<double> a = alias_checks::AliasPmf(light.team[team].possession_alias[lead_row],
                                                             kPossessionOutcomes, kPossessionAliasBits);
        EXPECT_NEAR(a[0], pmf[0], 1e-8) << "team " << team;
        EXPECT_NEAR(a[1], pmf[1], 1e-8) << "team " << team;
        EXPECT_NEAR(a[2] + a[3], pmf[2], 1e-8) << "team " << team;
        EXPECT_NEAR(a[4], pmf[3], 1e-8) << "team " << team;
        // Two free throws made: a trip that makes both, over the possession (chains summed).
        const auto q = models::ChanceProbabilities(params.team[team], lead_row);
        const double keep = q[static_cast<int>(Chance::kTwoMissOffReb)] + q[static_cast<int>(Chance::kThreeMissOffReb)];
        EXPECT_NEAR(a[2], q[static_cast<int>(Chance::kFreeThrowsTwo)] / (1 - keep), 1e-8);
    }
}

TEST(BasketballLightTest, LanePhiloxEqualsPathRngWordForWord) {
    for (const std::uint64_t seed : {0ull, 5ull, 0x0123456789abcdefull}) {
        // Includes ranges whose lanes cross 2^32 (the counter's high word) and wrap at 2^64.
        for (const std::uint64_t first : {0ull, 12345ull, (1ull << 32) - 5, ~0ull - 6}) {
            ExpectPhiloxMatchesPathRng<ScalarLanes>(seed, first);
            ExpectPhiloxMatchesPathRng<SimdLanes<4>>(seed, first); // generic per-lane 64-bit products
            ExpectPhiloxMatchesPathRng<SimdLanes<8>>(seed, first);
            ExpectPhiloxMatchesPathRng<SimdLanes<16>>(seed, first);
        }
    }
}

TEST(BasketballLightTest, QuarterStartSlotIsQuarterClockInClosedForm) {
    for (int period = 1; period <= 4; ++period) {
        for (int clock = 0; clock <= kQuarterSeconds; clock += 37) {
            const BasketballState state{period, clock, {0, 0}, 0, 0};
            for (int slots = 0; slots <= 260; ++slots) {
                QuarterClock quarter_clock(state, slots);
                int start[3];
                for (int q = 0; q < 3; ++q) {
                    start[q] = QuarterStartSlot(state, slots, q + 1);
                }
                for (int k = 0; k < slots; ++k) {
                    const int closed = (k >= start[0]) + (k >= start[1]) + (k >= start[2]);
                    ASSERT_EQ(quarter_clock.Quarter(), closed)
                        << "period " << period << " clock " << clock << " slots " << slots << " slot " << k;
                    quarter_clock.Advance();
                }
            }
        }
    }
}

template <typename L>
void ExpectLanesMatchScalar(const BasketballLightParams& p, const BasketballState& s, std::uint64_t seed,
                            std::uint64_t first, const std::vector<BasketballLightOutcome>& scalar,
                            const std::string& label) {
    const BasketballLightGame<L> game{p, s, seed};
    for (std::size_t start = 0; start < scalar.size(); start += L::kWidth) {
        const int count = static_cast<int>(std::min<std::size_t>(L::kWidth, scalar.size() - start));
        BasketballLightOutcome out[L::kWidth];
        game(first + start, out, count);
        for (int i = 0; i < count; ++i) {
            ASSERT_TRUE(SameBytes(out[i], scalar[start + static_cast<std::size_t>(i)]))
                << label << " width " << L::kWidth << " path " << first + start + static_cast<std::size_t>(i);
        }
    }
}

TEST(BasketballLightTest, SimdLanesGiveTheScalarLanesPathsBitForBit) {
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    std::vector<std::pair<std::string, BasketballState>> states;
    for (const char* json : kStates) {
        states.emplace_back(json, State(json));
    }
    for (const char* json : kEdgeStates) {
        states.emplace_back(json, State(json));
    }
    // A last leader that disagrees with the score (home led last, away leads now): the first possession counts a
    // lead change whoever scores, as in the box-score kernel.
    states.emplace_back("inconsistent last leader", BasketballState{3, 300, {60, 70}, -1, 1});
    for (const auto& [label, s] : states) {
        const char* json = label.c_str();
        for (const std::uint64_t first : {0ull, 7ull, (1ull << 32) - 13}) {
            const std::size_t n = 1003; // not a multiple of any width: partial blocks and scalar tails
            const auto scalar = RunScalar(p, s, 11, first, n);
            ExpectLanesMatchScalar<SimdLanes<4>>(p, s, 11, first, scalar, json);
            ExpectLanesMatchScalar<SimdLanes<8>>(p, s, 11, first, scalar, json);
            ExpectLanesMatchScalar<SimdLanes<16>>(p, s, 11, first, scalar, json);
            // The launcher: native lanes over OpenMP blocks, scalar tail, any thread count or sub-range.
            const auto one = RunLight(p, s, 11, first, n, 1);
            const auto two = RunLight(p, s, 11, first, n, 2);
            const auto slice = RunLight(p, s, 11, first + 101, 77, 2);
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_TRUE(SameBytes(one[i], scalar[i])) << json << " path " << first + i;
                ASSERT_TRUE(SameBytes(two[i], scalar[i])) << json << " path " << first + i;
            }
            for (std::size_t i = 0; i < slice.size(); ++i) {
                ASSERT_TRUE(SameBytes(slice[i], scalar[101 + i])) << json << " path " << first + 101 + i;
            }
        }
    }
}

//! The documented stream, replayed with PathRng and plain loops: word 0 pace, word 1 coin, words 2-3 unused,
//! word 4 + t the possession of slot t. Final scores and overtimes must be the kernel's, path for path.
TEST(BasketballLightTest, DocumentedWordLayoutReproducesScores) {
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    constexpr int kPoints[kPossessionOutcomes] = {0, 1, 2, 2, 3};
    for (const char* json : kStates) {
        const BasketballState s = State(json);
        const auto out = RunLight(p, s, 17, 40, 3000, 2);
        for (std::size_t i = 0; i < out.size(); ++i) {
            PathRng rng(17, 40 + i);
            const int n = p.pace_min + PickIndexPortable(p.pace_threshold, rng.NextU32());
            const std::uint32_t coin = rng.NextU32();
            rng.NextU32();
            rng.NextU32();
            int offense = s.possession >= 0 ? s.possession : static_cast<int>(coin >> 31);
            int score[2] = {s.score[0], s.score[1]};
            // Lead changes by the general rule (the box-score kernel's): the leader after a possession differs from
            // the last team that led, both someone.
            int last_leader = s.last_leader;
            int lead_changes = 0;
            const auto play = [&](int slots) {
                for (int k = 0; k < slots; ++k) {
                    score[offense] += kPoints[alias_checks::PlainAliasDraw(
                        p.team[offense].possession_alias[LeadRow(score[offense] - score[1 - offense])],
                        kPossessionOutcomes, kPossessionAliasBits, rng.NextU32())];
                    offense = 1 - offense;
                    const int leader = score[0] > score[1] ? 1 : (score[0] < score[1] ? -1 : 0);
                    lead_changes += leader != 0 && last_leader != 0 && leader != last_leader ? 1 : 0;
                    last_leader = leader != 0 ? leader : last_leader;
                }
            };
            play(SlotsLeft(n, s));
            int overtimes = s.period > 4 ? s.period - 4 : 0;
            while (score[0] == score[1]) {
                ++overtimes;
                play(2 * OvertimePossessions(n));
            }
            ASSERT_EQ(out[i].score[0], score[0]) << json << " path " << 40 + i;
            ASSERT_EQ(out[i].score[1], score[1]) << json << " path " << 40 + i;
            ASSERT_EQ(out[i].overtimes, overtimes) << json << " path " << 40 + i;
            ASSERT_EQ(out[i].lead_changes, std::min(lead_changes, 255)) << json << " path " << 40 + i;
        }
    }
}

//! The kernel takes the team ahead at the state as the last leader (its lead-change test relies on it): a state
//! built in code whose last_leader contradicts the score gives the paths of the state that agrees with it.
TEST(BasketballLightTest, ATeamAheadAtTheStateIsItsLastLeader) {
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    const BasketballState agreed = State(R"({"period": 2, "clock": 431, "home": 30, "away": 41})");
    ASSERT_EQ(agreed.last_leader, -1);
    for (const int said : {0, 1}) {
        BasketballState contradicted = agreed;
        contradicted.last_leader = said;
        const auto a = RunLight(p, agreed, 5, 0, 500, 1);
        const auto b = RunLight(p, contradicted, 5, 0, 500, 1);
        for (std::size_t i = 0; i < a.size(); ++i) {
            ASSERT_TRUE(SameBytes(a[i], b[i])) << "last_leader " << said << " path " << i;
        }
    }
    // At a tie the state's last leader stands, and it matters.
    const BasketballState tied = State(R"({"period": 2, "clock": 431, "home": 41, "away": 41, "last_leader": "home"})");
    BasketballState other = tied;
    other.last_leader = -1;
    const auto a = RunLight(p, tied, 5, 0, 500, 1);
    const auto b = RunLight(p, other, 5, 0, 500, 1);
    int differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        differ += a[i].lead_changes != b[i].lead_changes ? 1 : 0;
    }
    EXPECT_GT(differ, 0);
}

//! The CPU backend is the oracle: CUDA (scalar lanes, one path per thread) gives the same bytes per path.
TEST(BasketballLightTest, CudaPathsEqualCpuPaths) {
    if (!CudaAvailable()) {
        GTEST_SKIP() << "no CUDA device";
    }
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    for (const char* json : kStates) {
        const BasketballState s = State(json);
        const std::size_t n = 100003;
        const auto cpu = RunLight(p, s, 13, 977, n, 2);
        std::vector<BasketballLightOutcome> cuda(n);
        const Status status = RunBasketballLight(p, s, 13, 977, n, cuda.data(), {Backend::kCuda, 0});
        ASSERT_TRUE(status.ok()) << status.message();
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_TRUE(SameBytes(cuda[i], cpu[i])) << json << " path " << 977 + i;
        }
    }
}

//! Many games in one launch: every game's paths are the ones its own launch gives, byte for byte (other params,
//! states, seeds and path ranges in the same launch, counts that are not whole SIMD blocks, an empty game), on
//! one thread and two; a game without parameters is refused.
TEST(BasketballLightTest, ManyGamesInOneLaunchGiveEachGameItsOwnPaths) {
    models::BasketballModel other = models::ExampleBasketballModel();
    other.home.three_pct += 0.03;
    other.lead_pull = 0.0;
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    const BasketballLightParams q = MakeBasketballLightParams(models::MakeBasketballParams(other).value());
    struct Game {
        const BasketballLightParams* params;
        const char* state;
        std::uint64_t seed;
        std::uint64_t first;
        std::size_t count;
    };
    const Game games[] = {{&p, kStates[0], 7, 0, 1003}, {&q, kStates[1], 7, 0, 517},    {&p, kStates[2], 9, 4096, 33},
                          {&q, kStates[3], 11, 17, 0},  {&p, kEdgeStates[3], 5, 1, 64}, {&q, kStates[4], 3, 100, 200}};
    for (int threads : {1, 2}) {
        std::vector<std::vector<BasketballLightOutcome>> out;
        std::vector<BasketballLightJob> jobs;
        for (const Game& g : games) {
            out.emplace_back(g.count);
        }
        for (std::size_t i = 0; i < std::size(games); ++i) {
            const Game& g = games[i];
            jobs.push_back({g.params, State(g.state), g.seed, g.first, g.count, out[i].data()});
        }
        const Status status = RunBasketballLightMany(jobs.data(), jobs.size(), {Backend::kCpu, threads});
        ASSERT_TRUE(status.ok()) << status.message();
        for (std::size_t i = 0; i < std::size(games); ++i) {
            const Game& g = games[i];
            const auto own = RunLight(*g.params, State(g.state), g.seed, g.first, g.count, 1);
            for (std::size_t k = 0; k < g.count; ++k) {
                ASSERT_TRUE(SameBytes(out[i][k], own[k])) << "game " << i << " path " << g.first + k;
            }
        }
    }
    BasketballLightOutcome sink{};
    const BasketballLightJob missing{nullptr, State("{}"), 1, 0, 1, &sink};
    EXPECT_EQ(RunBasketballLightMany(&missing, 1, {Backend::kCpu, 1}).code(), StatusCode::kInvalidArgument);
    if (CudaAvailable()) { // the same launch on the GPU: one grid over every (game, path) pair
        std::vector<BasketballLightOutcome> cuda(1003), cpu = RunLight(p, State(kStates[0]), 7, 0, 1003, 1);
        const BasketballLightJob job{&p, State(kStates[0]), 7, 0, 1003, cuda.data()};
        ASSERT_TRUE(RunBasketballLightMany(&job, 1, {Backend::kCuda, 0}).ok());
        for (std::size_t k = 0; k < cuda.size(); ++k) {
            ASSERT_TRUE(SameBytes(cuda[k], cpu[k])) << "path " << k;
        }
    }
}

//! Coalescing launches (LaunchConfig::coalesce): concurrent callers wait for the running launch and then share one;
//! each gets its own game's paths, byte for byte, and some of them did share.
TEST(BasketballLightTest, CoalescedLaunchesGiveEachCallerItsOwnPaths) {
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    const std::uint64_t before = BasketballLightCoalescedJobs();
    constexpr int kCallers = 4;
    for (int round = 0; round < 20 && BasketballLightCoalescedJobs() == before; ++round) {
        std::vector<std::vector<BasketballLightOutcome>> out(kCallers, std::vector<BasketballLightOutcome>(3000));
        std::vector<Status> status(kCallers, Status::Ok());
        std::vector<std::thread> callers;
        for (int c = 0; c < kCallers; ++c) {
            callers.emplace_back([&, c] {
                const BasketballState s = State(kStates[static_cast<std::size_t>(c) % std::size(kStates)]);
                status[static_cast<std::size_t>(c)] =
                    RunBasketballLight(p, s, 40 + static_cast<std::uint64_t>(c), 0, 3000,
                                       out[static_cast<std::size_t>(c)].data(), {Backend::kCpu, 1, true});
            });
        }
        for (std::thread& t : callers) {
            t.join();
        }
        for (int c = 0; c < kCallers; ++c) {
            ASSERT_TRUE(status[static_cast<std::size_t>(c)].ok()) << status[static_cast<std::size_t>(c)].message();
            const auto own = RunLight(p, State(kStates[static_cast<std::size_t>(c) % std::size(kStates)]),
                                      40 + static_cast<std::uint64_t>(c), 0, 3000, 1);
            for (std::size_t k = 0; k < own.size(); ++k) {
                ASSERT_TRUE(SameBytes(out[static_cast<std::size_t>(c)][k], own[k])) << "caller " << c << " path " << k;
            }
        }
    }
    EXPECT_GT(BasketballLightCoalescedJobs(), before) << "concurrent callers should have shared a launch";
}

TEST(BasketballLightTest, PathsDependOnSeedAndPathOnly) {
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    const BasketballState s = State("{}");
    const auto a = RunLight(p, s, 3, 0, 4000, 2);
    const auto b = RunLight(p, s, 4, 0, 4000, 2);
    int same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        same += SameBytes(a[i], b[i]);
        if (i > 0) {
            same += SameBytes(a[i], a[i - 1]);
        }
    }
    EXPECT_LT(same, 5) << "different seeds or paths must give different games";
}

TEST(BasketballLightTest, OutcomesAreConsistent) {
    const BasketballLightParams p = MakeBasketballLightParams(ExampleParams());
    std::vector<std::pair<std::string, BasketballState>> states;
    for (const char* json : kStates) {
        states.emplace_back(json, State(json));
    }
    // Tied at the end of regulation, home led last: every lead change happens in an overtime.
    states.emplace_back("tied at 0:00 of the fourth, home led last", BasketballState{4, 0, {100, 100}, -1, 1});
    for (const auto& [label, s] : states) {
        const char* json = label.c_str();
        for (const BasketballLightOutcome& o : RunLight(p, s, 9, 0, 5000, 2)) {
            ASSERT_EQ(o.invalid, 0);
            if (o.first_lead_change_second != kNoLeadChange) { // within the part of the game played
                ASSERT_GE(o.first_lead_change_second, engine::BasketballElapsedSeconds(s)) << json;
                ASSERT_LT(o.first_lead_change_second, kRegulationSeconds + kOvertimeSeconds * o.overtimes) << json;
            }
            ASSERT_NE(o.score[0], o.score[1]) << "overtime must break ties";
            for (int team = 0; team < 2; ++team) {
                int period_points = 0;
                for (int q = 0; q < kReportedPeriods; ++q) {
                    period_points += o.period_points[team][q];
                }
                ASSERT_EQ(s.score[team] + period_points, o.score[team]) << json;
                if (o.overtimes == 0) {
                    ASSERT_EQ(o.period_points[team][4], 0);
                }
            }
            for (int i = 0; i < kRaceTargets; ++i) {
                const bool home = (o.race_won[0] >> i) & 1u;
                const bool away = (o.race_won[1] >> i) & 1u;
                const int n = RaceTarget(i);
                ASSERT_FALSE(home && away);
                if (o.score[0] >= n && o.score[1] < n) {
                    ASSERT_TRUE(home) << json << " race to " << n;
                }
                if (o.score[1] >= n && o.score[0] < n) {
                    ASSERT_TRUE(away) << json << " race to " << n;
                }
            }
        }
    }
}

//! Monte Carlo score distribution against the exact DP: win probability and mean scores within 4 s.e.,
//! chi-square p > 1e-4 (the checks of tests/engine/exact_checks.hpp, on light outcomes).
TEST(BasketballLightTest, ScoreDistributionMatchesExactDp) {
    const BasketballParams params = ExampleParams();
    const BasketballLightParams p = MakeBasketballLightParams(params);
    constexpr std::size_t kPaths = 200000;
    for (const char* json : kStates) {
        const BasketballState s = State(json);
        const engine::ScoreDistribution exact = engine::ExactBasketball(params, s);
        const auto out = RunLight(p, s, 21, 0, kPaths, 2);
        const std::size_t dim = exact.dim();
        std::vector<std::uint64_t> observed(dim * dim, 0);
        std::array<double, 2> wins{0.0, 0.0};
        std::array<double, 2> mean{0.0, 0.0};
        for (const BasketballLightOutcome& o : out) {
            ASSERT_LT(std::max(o.score[0], o.score[1]), dim);
            ++observed[o.score[0] * dim + o.score[1]];
            wins[o.score[0] > o.score[1] ? 0 : 1] += 1.0;
            mean[0] += o.score[0];
            mean[1] += o.score[1];
        }
        const double n = static_cast<double>(kPaths);
        const auto w = exact.WinProbabilities();
        const double se = std::sqrt(w[0] * (1 - w[0]) / n);
        EXPECT_NEAR(wins[0] / n, w[0], 4 * se + 1e-12) << json;
        const auto m = exact.MeanScore();
        for (int t = 0; t < 2; ++t) {
            double variance = 0.0;
            for (std::size_t h = 0; h < dim; ++h) {
                for (std::size_t a = 0; a < dim; ++a) {
                    const double x = static_cast<double>(t == 0 ? h : a) - m[t];
                    variance += exact.At(h, a) * x * x;
                }
            }
            EXPECT_NEAR(mean[t] / n, m[t], 4 * std::sqrt(variance / n) + 1e-12) << json << " team " << t;
        }
        std::vector<double> probability(dim * dim);
        for (std::size_t h = 0; h < dim; ++h) {
            for (std::size_t a = 0; a < dim; ++a) {
                probability[h * dim + a] = exact.At(h, a);
            }
        }
        EXPECT_GT(testing::ChiSquarePValue(observed, probability, kPaths), 1e-4) << json;
    }
}

//! Path statistics the light kernel reports, from either kernel's outcome (same field names).
template <typename Outcome> std::vector<double> PathStatistics(const Outcome& o) {
    std::vector<double> x;
    for (int team = 0; team < 2; ++team) {
        for (int q = 0; q < kReportedPeriods; ++q) {
            x.push_back(o.period_points[team][q]);
        }
        for (int i = 0; i < kRaceTargets; ++i) {
            x.push_back((o.race_won[team] >> i) & 1u);
        }
    }
    x.push_back(o.overtimes);
    x.push_back(o.overtimes > 0);
    x.push_back(o.lead_changes);
    x.push_back(o.largest_run);
    x.push_back(o.largest_run_team);
    for (int kind = 0; kind <= 6; ++kind) {
        x.push_back(o.first_score == kind);
    }
    x.push_back(o.first_lead_change_second == kNoLeadChange);
    x.push_back(o.first_lead_change_second == kNoLeadChange ? 0.0 : o.first_lead_change_second);
    return x;
}

std::vector<std::string> PathStatisticNames() {
    std::vector<std::string> names;
    for (int team = 0; team < 2; ++team) {
        const std::string side = team == 0 ? "home " : "away ";
        for (int q = 0; q < kReportedPeriods; ++q) {
            names.push_back(side + "period " + std::to_string(q + 1) + " points");
        }
        for (int i = 0; i < kRaceTargets; ++i) {
            names.push_back(side + "wins race to " + std::to_string(RaceTarget(i)));
        }
    }
    for (const char* name : {"overtimes", "P(overtime)", "lead changes", "largest run", "largest run by away"}) {
        names.emplace_back(name);
    }
    for (int kind = 0; kind <= 6; ++kind) {
        names.push_back("P(first score = " + std::to_string(kind) + ")");
    }
    names.emplace_back("P(no lead change)");
    names.emplace_back("first lead change second (0 if none)");
    return names;
}

struct Moments {
    std::vector<double> sum, sum_sq;
    double n = 0.0;
    template <typename Outcome> void Add(const Outcome& o) {
        const auto x = PathStatistics(o);
        sum.resize(x.size(), 0.0);
        sum_sq.resize(x.size(), 0.0);
        for (std::size_t i = 0; i < x.size(); ++i) {
            sum[i] += x[i];
            sum_sq[i] += x[i] * x[i];
        }
        n += 1.0;
    }
    double Mean(std::size_t i) const { return sum[i] / n; }
    double Variance(std::size_t i) const { return std::max(0.0, sum_sq[i] / n - Mean(i) * Mean(i)); }
};

//! Both kernels model the same game (same possession-points distribution, same schedule), so every path
//! statistic agrees within 4 standard errors of the difference.
TEST(BasketballLightTest, PathStatisticsMatchTheBoxScoreKernel) {
    const BasketballParams params = ExampleParams();
    const BasketballLightParams p = MakeBasketballLightParams(params);
    constexpr std::size_t kPaths = 200000;
    const auto names = PathStatisticNames();
    for (const char* json : kStates) {
        const BasketballState s = State(json);
        std::vector<BasketballOutcome> box(kPaths);
        const Status status = RunBasketball(params, s, 31, 0, kPaths, box.data(), {Backend::kCpu, 2});
        ASSERT_TRUE(status.ok()) << status.message();
        Moments light_moments, box_moments;
        for (const BasketballLightOutcome& o : RunLight(p, s, 32, 0, kPaths, 2)) {
            light_moments.Add(o);
        }
        for (const BasketballOutcome& o : box) {
            box_moments.Add(o);
        }
        ASSERT_EQ(light_moments.sum.size(), names.size());
        for (std::size_t i = 0; i < names.size(); ++i) {
            const double se =
                std::sqrt(light_moments.Variance(i) / light_moments.n + box_moments.Variance(i) / box_moments.n);
            EXPECT_NEAR(light_moments.Mean(i), box_moments.Mean(i), 4 * se + 1e-12) << json << ": " << names[i];
        }
    }
}

} // namespace
} // namespace simbook::kernels::basketball
