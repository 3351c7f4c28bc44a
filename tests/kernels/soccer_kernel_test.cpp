#include "engine/game_state.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_step.cuh"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
    const SoccerGame game{SoccerEventStep{p}, s, 99};
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

} // namespace
} // namespace simbook::kernels::soccer
