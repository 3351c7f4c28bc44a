#include "engine/game_state.hpp"
#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/launch.hpp"
#include "models/basketball_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <vector>

namespace simbook::kernels::basketball {
namespace {

BasketballParams ExampleParams() {
    return models::MakeBasketballParams(models::ExampleBasketballModel()).value();
}

std::vector<BasketballOutcome> RunPaths(const BasketballParams& p, const BasketballState& s, std::uint64_t first,
                                        std::size_t n, int threads) {
    std::vector<BasketballOutcome> out(n);
    const Status status = RunBasketball(p, s, 5, first, n, out.data(), {Backend::kCpu, threads});
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
}

bool SameBytes(const BasketballOutcome& a, const BasketballOutcome& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(BasketballKernelTest, PathsDoNotDependOnThreadsOrBatching) {
    const BasketballParams p = ExampleParams();
    const BasketballState s = engine::BasketballTipOff();
    const auto one = RunPaths(p, s, 0, 6000, 1);
    const auto two = RunPaths(p, s, 0, 6000, 2);
    const auto slice = RunPaths(p, s, 4321, 500, 2);
    for (std::size_t i = 0; i < one.size(); ++i) {
        ASSERT_TRUE(SameBytes(one[i], two[i])) << "path " << i;
    }
    for (std::size_t i = 0; i < slice.size(); ++i) {
        ASSERT_TRUE(SameBytes(slice[i], one[4321 + i])) << "path " << 4321 + i;
    }
}

TEST(BasketballKernelTest, BoxScoresAddUpToTheTeamScores) {
    const BasketballParams p = ExampleParams();
    for (const BasketballOutcome& o : RunPaths(p, engine::BasketballTipOff(), 0, 5000, 2)) {
        ASSERT_EQ(o.invalid, 0);
        ASSERT_NE(o.score[0], o.score[1]) << "overtime must break ties";
        for (int team = 0; team < 2; ++team) {
            int player_points = 0, period_points = 0;
            for (int i = 0; i < p.team[team].players; ++i) {
                player_points += o.player[team][i][0];
                ASSERT_LE(3 * o.player[team][i][3], o.player[team][i][0]);
            }
            for (int q = 0; q < kReportedPeriods; ++q) {
                period_points += o.period_points[team][q];
            }
            ASSERT_EQ(player_points, o.score[team]);
            ASSERT_EQ(period_points, o.score[team]);
            if (o.overtimes == 0) {
                ASSERT_EQ(o.period_points[team][4], 0);
            }
        }
        ASSERT_GE(o.largest_run, 2);
        for (int i = 0; i < kRaceTargets; ++i) {
            const bool home = (o.race_won[0] >> i) & 1u;
            const bool away = (o.race_won[1] >> i) & 1u;
            const int n = RaceTarget(i);
            ASSERT_FALSE(home && away);
            ASSERT_EQ(home || away, o.score[0] >= n || o.score[1] >= n) << "race to " << n;
            if (o.score[0] >= n && o.score[1] < n) {
                ASSERT_TRUE(home) << "race to " << n;
            }
            if (o.score[1] >= n && o.score[0] < n) {
                ASSERT_TRUE(away) << "race to " << n;
            }
        }
    }
}

TEST(BasketballKernelTest, RacesDecidedBeforeTheStateKeepTheirWinner) {
    const auto state = engine::ParseBasketballState(nlohmann::json{{"period", 2}, {"home", 31}, {"away", 12}});
    ASSERT_TRUE(state.ok());
    for (const BasketballOutcome& o : RunPaths(ExampleParams(), state.value(), 0, 300, 2)) {
        ASSERT_EQ(o.race_won[0] & 0x1fu, 0x1eu); // 15, 20, 25, 30 went to home; 10 was reached by both
        ASSERT_EQ(o.race_won[1] & 0x1fu, 0u);
    }
}

TEST(BasketballKernelTest, FinishedGameIsCertainAndTiedEndOfRegulationGoesToOvertime) {
    const BasketballParams p = ExampleParams();
    const auto finished = engine::ParseBasketballState(nlohmann::json{{"finished", true}, {"home", 101}, {"away", 99}});
    ASSERT_TRUE(finished.ok()) << finished.status().message();
    for (const BasketballOutcome& o : RunPaths(p, finished.value(), 0, 500, 2)) {
        ASSERT_EQ(o.score[0], 101);
        ASSERT_EQ(o.score[1], 99);
        ASSERT_EQ(o.overtimes, 0);
    }
    const auto tied =
        engine::ParseBasketballState(nlohmann::json{{"period", 4}, {"clock", "0:00"}, {"home", 100}, {"away", 100}});
    ASSERT_TRUE(tied.ok());
    for (const BasketballOutcome& o : RunPaths(p, tied.value(), 0, 500, 2)) {
        ASSERT_GE(o.overtimes, 1);
        ASSERT_NE(o.score[0], o.score[1]);
        ASSERT_EQ(o.period_points[0][0] + o.period_points[0][1] + o.period_points[0][2] + o.period_points[0][3], 0);
    }
}

TEST(BasketballKernelTest, QuarterClockSpreadsSlotsEvenly) {
    BasketballState s{1, kQuarterSeconds, {0, 0}, 0, 0};
    QuarterClock clock(s, 200);
    int per_quarter[4] = {0, 0, 0, 0};
    for (int k = 0; k < 200; ++k) {
        ++per_quarter[clock.Quarter()];
        clock.Advance();
    }
    for (int q : per_quarter) {
        EXPECT_EQ(q, 50);
    }
    // Half a quarter left in Q3: slots of Q3 come first, then Q4's.
    BasketballState late{3, 360, {50, 50}, 0, 0};
    const int slots = SlotsLeft(100, late); // 2N * 1080 / 2880 = 75
    EXPECT_EQ(slots, 75);
    QuarterClock late_clock(late, slots);
    int q3 = 0;
    for (int k = 0; k < slots; ++k) {
        q3 += late_clock.Quarter() == 2;
        late_clock.Advance();
    }
    EXPECT_EQ(q3, 25);
}

} // namespace
} // namespace simbook::kernels::basketball
