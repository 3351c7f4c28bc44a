// The box-score basketball kernel: its alias tables against the model's thresholds (exactly), SIMD against scalar
// lanes (bit for bit), the documented stream replayed with plain loops (path for path), and the box scores against
// a reference that draws from the thresholds themselves (within 4 standard errors).
#include "engine/game_state.hpp"
#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/box_launch.hpp"
#include "kernels/basketball/box_step.cuh"
#include "kernels/core/lanes.cuh"
#include "kernels/core/rng.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "models/basketball_model.hpp"
#include "tests/kernels/alias_checks.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace simbook::kernels::basketball {
namespace {

using alias_checks::AliasPmf;
using alias_checks::PlainAliasDraw;

BasketballParams ExampleParams() {
    return models::MakeBasketballParams(models::ExampleBasketballModel()).value();
}

BasketballState State(const char* json) {
    const auto state = engine::ParseBasketballState(nlohmann::json::parse(json));
    EXPECT_TRUE(state.ok()) << json << ": " << state.status().message();
    return state.value();
}

const char* const kStates[] = {
    "{}",
    R"({"period": 4, "clock": "8:00", "home": 92, "away": 89, "possession": "home"})",
    R"({"period": 2, "clock": 431, "home": 30, "away": 41, "possession": "away"})",
    R"({"period": 4, "clock": "0:30", "home": 100, "away": 99})",
    R"({"period": 5, "clock": "2:10", "home": 110, "away": 110, "possession": "away"})",
    R"({"finished": true, "home": 101, "away": 99})",
    R"({"period": 4, "clock": "0:00", "home": 100, "away": 100})",
    R"({"period": 6, "clock": "0:00", "home": 120, "away": 120, "possession": "home"})",
    R"({"period": 1, "clock": "11:59", "home": 0, "away": 0, "possession": "away"})",
};

bool SameBytes(const BasketballOutcome& a, const BasketballOutcome& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

std::vector<BasketballOutcome> RunBox(const BasketballParams& p, const BasketballState& s, std::uint64_t seed,
                                      std::uint64_t first, std::size_t n, int threads) {
    std::vector<BasketballOutcome> out(n);
    const Status status = RunBasketball(p, s, seed, first, n, out.data(), {Backend::kCpu, threads});
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
}

std::vector<BasketballOutcome> RunScalar(const BasketballParams& p, const BasketballState& s, std::uint64_t seed,
                                         std::uint64_t first, std::size_t n) {
    std::vector<BasketballOutcome> out(n);
    const Status status = RunBasketballScalar(p, s, seed, first, n, out.data(), 2);
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
}

//! Number of thresholds <= x.
template <int N> int Pick(const std::uint32_t (&thresholds)[N], std::uint32_t x) {
    int index = 0;
    for (int i = 0; i < N; ++i) {
        index += static_cast<int>(x >= thresholds[i]);
    }
    return index;
}

TEST(BasketballBoxTest, AliasTablesCarryTheThresholdsDistributions) {
    const BasketballParams p = ExampleParams();
    const BasketballBoxParams box = MakeBasketballBoxParams(p);
    for (int team = 0; team < 2; ++team) {
        const BasketballTeamParams& off = p.team[team];
        for (int row = 0; row < kLeadRows; ++row) {
            const std::vector<double> got =
                AliasPmf(box.team[team].chance_alias[row], kChanceOutcomes, kChanceAliasBits);
            double previous = 0.0;
            for (int o = 0; o < kChanceOutcomes; ++o) {
                const double t = o < kChanceOutcomes - 1 ? off.chance_threshold[row][o] : 4294967296.0;
                EXPECT_NEAR(got[static_cast<std::size_t>(o)], (t - previous) / 4294967296.0, 1e-8)
                    << "team " << team << " row " << row << " outcome " << o;
                previous = t;
            }
        }
        const auto share = [](const std::uint32_t(&thresholds)[kMaxPlayers], int j) {
            const double hi = j < kMaxPlayers ? std::min(thresholds[j], 65536u) : 65536.0;
            const double lo = j == 0 ? 0.0 : std::min(thresholds[j - 1], 65536u);
            return std::max(hi - lo, 0.0) / 65536.0;
        };
        for (int o = 0; o < kChanceOutcomes; ++o) {
            const std::vector<double> got = AliasPmf(box.team[team].player_alias[o], kPlayerCells, kPlayerAliasBits);
            const auto& shooter = off.shooter[(kShooterTablePacked >> (2 * o)) & 3u];
            for (int s = 0; s < kMaxPlayers; ++s) {
                for (int h = 0; h < kPlayerRows; ++h) {
                    double helper = h == kMaxPlayers ? 1.0 : 0.0;
                    if ((kMadeFieldGoalMask >> o) & 1u) {
                        helper = share(off.assister[s], h);
                    } else if ((kOffensiveReboundMask >> o) & 1u) {
                        helper = share(off.rebounder, h);
                    } else if ((kDefensiveReboundMask >> o) & 1u) {
                        helper = share(p.team[1 - team].rebounder, h);
                    }
                    EXPECT_NEAR(got[static_cast<std::size_t>(s * kPlayerRows + h)], share(shooter, s) * helper, 1e-7)
                        << "team " << team << " outcome " << o << " shooter " << s << " helper " << h;
                }
            }
        }
    }
}

template <typename L>
void ExpectLanesMatchScalar(const BasketballBoxParams& box, const BasketballState& s, std::uint64_t first,
                            const std::vector<BasketballOutcome>& scalar, const char* label) {
    const BasketballBoxGame<L> game{box, s, 11};
    for (std::size_t start = 0; start < scalar.size(); start += L::kWidth) {
        const int count = static_cast<int>(std::min<std::size_t>(L::kWidth, scalar.size() - start));
        BasketballOutcome out[L::kWidth];
        game(first + start, out, count);
        for (int i = 0; i < count; ++i) {
            ASSERT_TRUE(SameBytes(out[i], scalar[start + static_cast<std::size_t>(i)]))
                << label << " width " << L::kWidth << " path " << first + start + static_cast<std::size_t>(i);
        }
    }
}

TEST(BasketballBoxTest, SimdLanesGiveTheScalarLanesPathsBitForBit) {
    const BasketballParams p = ExampleParams();
    const BasketballBoxParams box = MakeBasketballBoxParams(p);
    for (const char* json : kStates) {
        const BasketballState s = State(json);
        for (const std::uint64_t first : {0ull, 7ull, (1ull << 32) - 13}) {
            const std::size_t n = 403; // not a multiple of any width: partial blocks and scalar tails
            const auto scalar = RunScalar(p, s, 11, first, n);
            ExpectLanesMatchScalar<SimdLanes<4>>(box, s, first, scalar, json);
            ExpectLanesMatchScalar<SimdLanes<8>>(box, s, first, scalar, json);
            ExpectLanesMatchScalar<SimdLanes<16>>(box, s, first, scalar, json);
            const auto one = RunBox(p, s, 11, first, n, 1);
            const auto two = RunBox(p, s, 11, first, n, 2);
            const auto slice = RunBox(p, s, 11, first + 101, 77, 2);
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

//! A game replayed with plain loops over the old schedule code (QuarterClock, a loop per possession).
struct Replayed {
    int score[2] = {0, 0};
    int period_points[2][kReportedPeriods] = {};
    int overtimes = 0;
    int player[2][kPlayerRows][kPlayerStats] = {};
};

//! Plays a path from `s` with `rng`'s words in the kernel's layout: words 0-3 (pace, coin, unused), then two words a
//! shot chance, which draw(team, row, x, y, &outcome, &shooter, &helper) reads.
template <typename Draw> Replayed Replay(const BasketballParams& p, const BasketballState& s, PathRng& rng, Draw draw) {
    Replayed r;
    const int n = p.pace_min + Pick(p.pace_threshold, rng.NextU32());
    const std::uint32_t coin = rng.NextU32();
    rng.NextU32();
    rng.NextU32();
    int offense = s.possession >= 0 ? s.possession : static_cast<int>(coin >> 31);
    r.score[0] = s.score[0];
    r.score[1] = s.score[1];
    const auto possession = [&](int period) {
        const int row = LeadRow(r.score[offense] - r.score[1 - offense]);
        for (int chance = 0; chance < 64; ++chance) {
            const std::uint32_t x = rng.NextU32();
            const std::uint32_t y = rng.NextU32();
            int o = 0, shooter = 0, helper = 0;
            draw(offense, row, x, y, &o, &shooter, &helper);
            const int points = static_cast<int>((kChancePointsPacked >> (2 * o)) & 3u);
            r.score[offense] += points;
            r.period_points[offense][period] += points;
            r.player[offense][shooter][0] += points;
            r.player[offense][shooter][3] += static_cast<int>((kThreeMadeMask >> o) & 1u);
            r.player[offense][helper][2] += static_cast<int>((kMadeFieldGoalMask >> o) & 1u);
            r.player[offense ^ static_cast<int>((kDefensiveReboundMask >> o) & 1u)][helper][1] +=
                static_cast<int>((kMissMask >> o) & 1u);
            if (((kOffensiveReboundMask >> o) & 1u) == 0) {
                break;
            }
        }
        offense = 1 - offense;
    };
    const int slots = SlotsLeft(n, s);
    QuarterClock clock(s, slots);
    for (int k = 0; k < slots; ++k) {
        const int period = s.period <= 4 ? clock.Quarter() : kReportedPeriods - 1;
        clock.Advance();
        possession(period);
    }
    r.overtimes = s.period > 4 ? s.period - 4 : 0;
    while (r.score[0] == r.score[1] && r.overtimes < kMaxOvertimes) {
        ++r.overtimes;
        for (int k = 0; k < 2 * OvertimePossessions(n); ++k) {
            possession(kReportedPeriods - 1);
        }
    }
    return r;
}

TEST(BasketballBoxTest, DocumentedWordLayoutReproducesTheBoxScores) {
    const BasketballParams p = ExampleParams();
    const BasketballBoxParams box = MakeBasketballBoxParams(p);
    const auto alias = [&box](int team, int row, std::uint32_t x, std::uint32_t y, int* o, int* shooter, int* helper) {
        *o = PlainAliasDraw(box.team[team].chance_alias[row], kChanceOutcomes, kChanceAliasBits, x);
        const int cell = PlainAliasDraw(box.team[team].player_alias[*o], kPlayerCells, kPlayerAliasBits, y);
        *shooter = cell / kPlayerRows;
        *helper = cell % kPlayerRows;
    };
    for (const char* json : kStates) {
        const BasketballState s = State(json);
        const auto out = RunBox(p, s, 17, 40, 600, 2);
        for (std::size_t i = 0; i < out.size(); ++i) {
            PathRng rng(17, 40 + i);
            const Replayed r = Replay(p, s, rng, alias);
            for (int team = 0; team < 2; ++team) {
                ASSERT_EQ(out[i].score[team], r.score[team]) << json << " path " << 40 + i;
                for (int q = 0; q < kReportedPeriods; ++q) {
                    ASSERT_EQ(out[i].period_points[team][q], r.period_points[team][q]) << json << " path " << 40 + i;
                }
                for (int j = 0; j < p.team[team].players; ++j) {
                    for (int k = 0; k < kPlayerStats; ++k) {
                        ASSERT_EQ(out[i].player[team][j][k], std::min(r.player[team][j][k], 255))
                            << json << " path " << 40 + i << " team " << team << " player " << j << " stat " << k;
                    }
                }
            }
            ASSERT_EQ(out[i].overtimes, r.overtimes) << json << " path " << 40 + i;
        }
    }
}

//! Every player's mean points, rebounds, assists and threes against a reference that draws each chance from the
//! model's cumulative thresholds (the outcome from chance_threshold, then the shooter from the high 16 bits and the
//! assister or rebounder from the low 16 bits), on other random words: within 4 standard errors of the difference.
TEST(BasketballBoxTest, BoxScoresMatchAThresholdReference) {
    const BasketballParams p = ExampleParams();
    const auto thresholds = [&p](int team, int row, std::uint32_t x, std::uint32_t y, int* o, int* shooter,
                                 int* helper) {
        const BasketballTeamParams& off = p.team[team];
        *o = Pick(off.chance_threshold[row], x);
        *shooter = Pick(off.shooter[(kShooterTablePacked >> (2 * *o)) & 3u], y >> 16);
        const std::uint32_t low = y & 0xffffu;
        *helper = kMaxPlayers;
        if ((kMadeFieldGoalMask >> *o) & 1u) {
            *helper = *shooter < kMaxPlayers ? Pick(off.assister[*shooter], low) : kMaxPlayers;
        } else if ((kOffensiveReboundMask >> *o) & 1u) {
            *helper = Pick(off.rebounder, low);
        } else if ((kDefensiveReboundMask >> *o) & 1u) {
            *helper = Pick(p.team[1 - team].rebounder, low);
        }
    };
    constexpr std::size_t kPaths = 20000;
    for (const char* json : {"{}", R"({"period": 3, "clock": "6:00", "home": 70, "away": 62})"}) {
        const BasketballState s = State(json);
        const auto out = RunBox(p, s, 23, 0, kPaths, 2);
        // Sums and sums of squares per [team][player][stat], kernel and reference.
        std::vector<double> sum[2], square[2];
        for (int side = 0; side < 2; ++side) {
            sum[side].assign(2 * kPlayerRows * kPlayerStats, 0.0);
            square[side].assign(2 * kPlayerRows * kPlayerStats, 0.0);
        }
        const auto at = [](int team, int j, int k) {
            return static_cast<std::size_t>((team * kPlayerRows + j) * kPlayerStats + k);
        };
        for (std::size_t i = 0; i < kPaths; ++i) {
            PathRng rng(0x5eedULL, i); // other words than the kernel's
            const Replayed r = Replay(p, s, rng, thresholds);
            for (int team = 0; team < 2; ++team) {
                for (int j = 0; j < p.team[team].players; ++j) {
                    for (int k = 0; k < kPlayerStats; ++k) {
                        const double x = out[i].player[team][j][k];
                        const double y = r.player[team][j][k];
                        sum[0][at(team, j, k)] += x;
                        square[0][at(team, j, k)] += x * x;
                        sum[1][at(team, j, k)] += y;
                        square[1][at(team, j, k)] += y * y;
                    }
                }
            }
        }
        for (int team = 0; team < 2; ++team) {
            for (int j = 0; j < p.team[team].players; ++j) {
                for (int k = 0; k < kPlayerStats; ++k) {
                    const double n = kPaths;
                    const double mean_a = sum[0][at(team, j, k)] / n, mean_b = sum[1][at(team, j, k)] / n;
                    const double var_a = square[0][at(team, j, k)] / n - mean_a * mean_a;
                    const double var_b = square[1][at(team, j, k)] / n - mean_b * mean_b;
                    const double se = std::sqrt(var_a / n + var_b / n);
                    EXPECT_LE(std::abs(mean_a - mean_b), 4 * se + 1e-12)
                        << json << " team " << team << " player " << j << " stat " << k << ": kernel " << mean_a
                        << ", reference " << mean_b;
                }
            }
        }
    }
}

} // namespace
} // namespace simbook::kernels::basketball
