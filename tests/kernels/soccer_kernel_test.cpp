#include "engine/game_state.hpp"
#include "kernels/core/math.cuh"
#include "kernels/core/rng.cuh"
#include "kernels/core/simd_lanes.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_launch.hpp"
#include "kernels/soccer/soccer_step.cuh"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <vector>

namespace simbook::kernels::soccer {
namespace {

SoccerParams DefaultParams() {
    return models::MakeSoccerParams(models::SoccerModel{}).value();
}

std::vector<SoccerOutcome> RunPaths(const SoccerParams& p, const SoccerState& s, std::uint64_t first, std::size_t n,
                                    int threads) {
    std::vector<SoccerOutcome> out(n);
    const Status status = RunSoccer(p, s, 99, first, n, out.data(), {Backend::kCpu, threads});
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
}

bool SameBytes(const SoccerOutcome& a, const SoccerOutcome& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(SoccerKernelTest, PathsDoNotDependOnThreadsOrBatching) {
    const SoccerParams p = DefaultParams();
    const SoccerState s = engine::SoccerKickOff();
    const auto one = RunPaths(p, s, 0, 30000, 1);
    const auto two = RunPaths(p, s, 0, 30000, 2);
    const auto slice = RunPaths(p, s, 12345, 1000, 2); // a batch starting mid-range
    for (std::size_t i = 0; i < one.size(); ++i) {
        ASSERT_TRUE(SameBytes(one[i], two[i])) << "path " << i;
    }
    for (std::size_t i = 0; i < slice.size(); ++i) {
        ASSERT_TRUE(SameBytes(slice[i], one[12345 + i])) << "path " << 12345 + i;
    }
    // The functor called directly on the host is the code the backends run.
    const SoccerGame game{p, s, 99};
    EXPECT_TRUE(SameBytes(game(777), one[777]));
}

TEST(SoccerKernelTest, PathsAreInternallyConsistent) {
    const auto out = RunPaths(DefaultParams(), engine::SoccerKickOff(), 0, 20000, 2);
    for (const SoccerOutcome& o : out) {
        ASSERT_EQ(o.invalid, 0);
        ASSERT_LE(o.ht_home, o.home);
        ASSERT_LE(o.ht_away, o.away);
        ASSERT_EQ(o.goals_recorded, std::min<int>(o.home + o.away, kMaxGoalsRecorded));
        int home_goals = 0;
        for (int g = 0; g < o.goals_recorded; ++g) {
            ASSERT_GE(o.goal_minute[g], 1);
            ASSERT_LE(o.goal_minute[g], 90);
            if (g > 0) {
                ASSERT_LE(o.goal_minute[g - 1], o.goal_minute[g]);
            }
            home_goals += ((o.goal_team_bits >> g) & 1u) == 0;
        }
        if (o.goals_recorded == o.home + o.away) {
            ASSERT_EQ(home_goals, o.home);
        }
        if (o.home + o.away == 0) {
            ASSERT_EQ(o.first_goal, FirstGoal::kNone);
        } else {
            ASSERT_EQ(o.first_goal, (o.goal_team_bits & 1u) ? FirstGoal::kAway : FirstGoal::kHome);
            ASSERT_EQ(o.first_goal_minute, o.goal_minute[0]);
        }
        const int ht_goals = o.ht_home + o.ht_away;
        for (int g = 0; g < o.goals_recorded; ++g) {
            ASSERT_EQ(g < ht_goals, o.goal_minute[g] <= 45) << "goal " << g; // half-time split by minute
        }
    }
}

TEST(SoccerKernelTest, FinishedMatchIsCertain) {
    const SoccerParams p = DefaultParams();
    const auto state = engine::ParseSoccerState(
        nlohmann::json{{"finished", true}, {"home", 2}, {"away", 1}, {"ht_home", 1}, {"ht_away", 1}}, p);
    ASSERT_TRUE(state.ok()) << state.status().message();
    for (const SoccerOutcome& o : RunPaths(p, state.value(), 0, 1000, 2)) {
        ASSERT_EQ(o.home, 2);
        ASSERT_EQ(o.away, 1);
        ASSERT_EQ(o.ht_home, 1);
        ASSERT_EQ(o.ht_away, 1);
        ASSERT_EQ(o.first_goal, FirstGoal::kBeforeState);
    }
}

TEST(SoccerKernelTest, NoIntensityMeansNoEvents) {
    models::SoccerModel m;
    m.home_xg = 0.0;
    m.away_xg = 0.0;
    m.home_reds_per_match = 0.0;
    m.away_reds_per_match = 0.0;
    for (const SoccerOutcome& o : RunPaths(models::MakeSoccerParams(m).value(), engine::SoccerKickOff(), 0, 1000, 1)) {
        ASSERT_EQ(o.home + o.away + o.red_home + o.red_away, 0);
        ASSERT_EQ(o.first_goal, FirstGoal::kNone);
    }
}

TEST(SoccerKernelTest, RedCardsFollowTheirRateAndHurtTheCardedTeam) {
    models::SoccerModel m;
    m.home_reds_per_match = 0.5;
    m.away_reds_per_match = 0.0;
    m.leading_mult = 1.0;
    m.trailing_mult = 1.0;
    const auto out = RunPaths(models::MakeSoccerParams(m).value(), engine::SoccerKickOff(), 0, 100000, 2);
    double reds = 0.0, home_with_red = 0.0, n_with_red = 0.0, home_without = 0.0, n_without = 0.0;
    for (const SoccerOutcome& o : out) {
        reds += o.red_home;
        ASSERT_EQ(o.red_away, 0);
        (o.red_home > 0 ? home_with_red : home_without) += o.home;
        (o.red_home > 0 ? n_with_red : n_without) += 1.0;
    }
    // Red cards are a Poisson process with 0.5 per match (capped at 4): mean 0.5, s.e. ~ 0.0022.
    EXPECT_NEAR(reds / out.size(), 0.5, 4 * std::sqrt(0.5 / out.size()));
    EXPECT_LT(home_with_red / n_with_red, home_without / n_without - 0.1);
}

// The kernel on SIMD lanes of doubles (the CPU backend) against the same source on scalar lanes (the GPU's and the
// reference), byte for byte: every lane width, ranges that end mid-lane and cross a 2^32 path id, and states that
// reach every branch (half time, reds at their cap, scheduled red cards, the goal cap, no intensity at all).
template <int W> void ExpectLogLanesEqualScalar(const std::vector<double>& xs) {
    using L = SimdLanes<W>;
    for (std::size_t first = 0; first < xs.size(); first += W) {
        const typename L::F64 x =
            L::GenerateF([&](int i) { return xs[(first + static_cast<std::size_t>(i)) % xs.size()]; });
        const typename L::F64 y = LogLanes<L>(x);
        for (int i = 0; i < W; ++i) {
            const double scalar = PortableLog(L::LaneF(x, i));
            const double lane = L::LaneF(y, i);
            ASSERT_EQ(std::memcmp(&scalar, &lane, sizeof lane), 0)
                << "width " << W << " log(" << L::LaneF(x, i) << "): " << lane << " vs " << scalar;
        }
    }
}

TEST(SoccerLanesTest, LogLanesEqualsTheScalarLogBitForBit) {
    std::vector<double> xs;
    PathRng rng(5, 6);
    for (int i = 0; i < 20000; ++i) {
        xs.push_back(rng.NextOpenUniform());
    }
    for (std::uint32_t k :
         {0u, 1u, 2u, 3u, 0x7fffffffu, 0x80000000u, 0xb504f333u, 0xb504f334u, 0xfffffffeu, 0xffffffffu}) {
        xs.push_back((static_cast<double>(k) + 0.5) * (1.0 / 4294967296.0));
    }
    for (double x : {1.0, 1.4142135623730951, 1.4142135623730954, 0.7071067811865476, 3.0, 1e-300, 1e300}) {
        xs.push_back(x);
    }
    ExpectLogLanesEqualScalar<2>(xs);
    ExpectLogLanesEqualScalar<4>(xs);
    ExpectLogLanesEqualScalar<8>(xs);
    ExpectLogLanesEqualScalar<kNativeDoubleLanes>(xs);
}

struct LaneCase {
    const char* name;
    SoccerParams params;
    SoccerState state;
};

std::vector<LaneCase> LaneCases() {
    const SoccerParams p = DefaultParams();
    std::vector<LaneCase> cases;
    cases.push_back({"kick-off", p, engine::SoccerKickOff()});
    cases.push_back({"70th minute 2-1", p, SoccerState{70.0 + p.first_half_stoppage, 2, 1, 1, 1, {0, 0}, 1}});
    cases.push_back({"first half, reds at the cap", p, SoccerState{20.0, 0, 1, 0, 0, {3, 4}, -1}});
    cases.push_back({"finished", p, SoccerState{p.segment_end[kSegments - 1], 1, 1, 0, 1, {0, 1}, -1}});
    cases.push_back({"one goal from the cap", p, SoccerState{80.0, 199, 198, 100, 99, {0, 0}, 1}});
    SoccerParams scheduled = p;
    scheduled.red_card_at[0] = 30.0;
    scheduled.red_card_at[1] = 47.0; // first-half stoppage
    cases.push_back({"scheduled red cards", scheduled, engine::SoccerKickOff()});
    scheduled.red_card_at[0] = 0.0;
    scheduled.red_card_at[1] = 60.0;
    cases.push_back({"a scheduled red card in play", scheduled, SoccerState{40.0, 1, 0, 0, 0, {1, 0}, 1}});
    SoccerParams goals = p;
    goals.goal_rate[0] *= 12.0;
    goals.goal_rate[1] *= 9.0;
    goals.red_rate[0] *= 30.0;
    cases.push_back({"many goals and reds", goals, engine::SoccerKickOff()});
    SoccerParams none = p;
    none.goal_rate[0] = none.goal_rate[1] = none.red_rate[0] = none.red_rate[1] = 0.0;
    cases.push_back({"no intensity", none, SoccerState{10.0, 1, 0, 0, 0, {0, 0}, 1}});
    return cases;
}

TEST(SoccerLanesTest, SimdLanesEqualScalarLanesByteForByte) {
    const std::uint64_t first = (std::uint64_t{1} << 32) - 700; // path ids cross 2^32
    const std::size_t n = 2500;                                 // two whole chunks and a part, ending mid-lane
    for (const LaneCase& c : LaneCases()) {
        std::vector<SoccerOutcome> scalar(n);
        ASSERT_TRUE(RunSoccerScalar(c.params, c.state, 42, first, n, scalar.data(), 2).ok());
        std::vector<SoccerOutcome> native(n);
        ASSERT_TRUE(RunSoccer(c.params, c.state, 42, first, n, native.data(), {Backend::kCpu, 2}).ok());
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_TRUE(SameBytes(native[i], scalar[i])) << c.name << ", native lanes, path " << i;
        }
        for (int width : {2, 4, 8}) {
            std::vector<SoccerOutcome> wide(n);
            ASSERT_TRUE(RunSoccerWidth(width, c.params, c.state, 42, first, n, wide.data(), 1).ok());
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_TRUE(SameBytes(wide[i], scalar[i])) << c.name << ", width " << width << ", path " << i;
            }
        }
        // One path alone (the GPU's and the season kernel's call) is the same path.
        const SoccerGame game{c.params, c.state, 42};
        for (std::size_t i : {std::size_t{0}, std::size_t{699}, std::size_t{700}, n - 1}) {
            ASSERT_TRUE(SameBytes(game(first + i), scalar[i])) << c.name << ", one path " << i;
        }
    }
}

TEST(SoccerLanesTest, TheCasesReachTheirBranches) {
    // Guards the cases above: each reaches what it is there for, so the byte comparison covers that code.
    const auto cases = LaneCases();
    auto run = [](const LaneCase& c) {
        std::vector<SoccerOutcome> out(2500);
        EXPECT_TRUE(RunSoccer(c.params, c.state, 42, 0, out.size(), out.data(), {Backend::kCpu, 2}).ok());
        return out;
    };
    const auto capped = run(cases[4]);
    EXPECT_TRUE(std::any_of(capped.begin(), capped.end(), [](const SoccerOutcome& o) { return o.invalid != 0; }));
    const auto scheduled = run(cases[5]);
    EXPECT_TRUE(std::all_of(scheduled.begin(), scheduled.end(),
                            [](const SoccerOutcome& o) { return o.red_home >= 1 && o.red_away >= 1; }));
    const auto many = run(cases[7]);
    EXPECT_TRUE(std::any_of(many.begin(), many.end(),
                            [](const SoccerOutcome& o) { return o.goals_recorded == kMaxGoalsRecorded; }));
    EXPECT_TRUE(std::any_of(many.begin(), many.end(), [](const SoccerOutcome& o) { return o.red_home == kMaxReds; }));
    const auto none = run(cases[8]);
    EXPECT_TRUE(std::all_of(none.begin(), none.end(),
                            [](const SoccerOutcome& o) { return o.home == 1 && o.away == 0 && o.invalid == 0; }));
}

} // namespace
} // namespace simbook::kernels::soccer
