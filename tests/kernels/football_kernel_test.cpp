// The American football kernel: SIMD lanes against scalar lanes path by path, ranges and threads, the clock model's
// rules (halves, overtime, playoffs), bad states (and CUDA against the CPU where built).
#include "kernels/football/launch.hpp"
#include "kernels/launch.hpp"
#include "models/football_model.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace simbook::kernels {
namespace {

namespace kf = football;

kf::FootballParams Params(bool clock, int season = 2016, bool playoff = false) {
    return models::MakeFootballParams(models::FootballLeague{}, 24.0, 20.0, models::FootballRulesFor(season, playoff),
                                      clock);
}

std::vector<kf::FootballOutcome> Simulate(const kf::FootballParams& p, const kf::FootballState& s, std::size_t n,
                                          std::uint64_t first = 0, int threads = 0) {
    std::vector<kf::FootballOutcome> out(n);
    LaunchConfig config;
    config.backend = Backend::kCpu;
    config.threads = threads;
    EXPECT_TRUE(RunFootball(p, s, 42, first, n, out.data(), config).ok());
    return out;
}

bool Same(const kf::FootballOutcome& a, const kf::FootballOutcome& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(FootballKernel, SimdLanesMatchScalarLanesPathByPath) {
    for (bool clock : {false, true}) {
        const auto p = Params(clock);
        kf::FootballState live;
        live.seconds_left = 700;
        live.drives_done = 16;
        live.score[0] = 17;
        live.score[1] = 20;
        live.possession = 0;
        for (const kf::FootballState& s : {kf::FootballState{}, live}) {
            const std::size_t n = 4099; // whole SIMD blocks and a scalar tail
            const auto simd = Simulate(p, s, n);
            std::vector<kf::FootballOutcome> scalar(n);
            ASSERT_TRUE(RunFootballScalar(p, s, 42, 0, n, scalar.data(), 2).ok());
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_TRUE(Same(simd[i], scalar[i])) << "clock " << clock << " path " << i;
            }
        }
    }
}

TEST(FootballKernel, PathsDependOnlyOnSeedAndPathId) {
    const auto p = Params(true);
    const auto all = Simulate(p, kf::FootballState{}, 3000, 0, 1);
    const auto part = Simulate(p, kf::FootballState{}, 1000, 1234, 3);
    for (std::size_t i = 0; i < part.size(); ++i) {
        ASSERT_TRUE(Same(part[i], all[1234 + i])) << i;
    }
}

TEST(FootballKernel, ClockModelPlaysPlausibleGames) {
    const auto out = Simulate(Params(true), kf::FootballState{}, 100000);
    double points = 0.0;
    double drives = 0.0;
    double overtime = 0.0;
    double ties = 0.0;
    for (const auto& o : out) {
        ASSERT_EQ(o.invalid, 0);
        ASSERT_LE(o.half[0], o.score[0]);
        ASSERT_LE(o.half[1], o.score[1]);
        points += o.score[0] + o.score[1];
        drives += o.drives;
        overtime += o.overtime;
        ties += o.score[0] == o.score[1] ? 1.0 : 0.0;
    }
    const double n = double(out.size());
    EXPECT_NEAR(points / n, 44.0, 3.0);
    EXPECT_NEAR(drives / n, 23.0, 2.5);
    EXPECT_GT(overtime / n, 0.02);
    EXPECT_LT(overtime / n, 0.10);
    EXPECT_LT(ties / n, 0.01);
}

TEST(FootballKernel, PlayoffGamesNeverEndTied) {
    for (bool clock : {false, true}) {
        const auto out = Simulate(Params(clock, 2017, true), kf::FootballState{}, 50000);
        for (const auto& o : out) {
            ASSERT_EQ(o.invalid, 0);
            ASSERT_NE(o.score[0], o.score[1]);
        }
    }
}

TEST(FootballKernel, OvertimeTouchdownEndsTheGameWithoutATry) {
    kf::FootballState s;
    s.drives_done = 0;
    const auto p = Params(false, 2016);
    const auto out = Simulate(p, s, 200000);
    for (const auto& o : out) {
        if (o.overtime != 0) {
            const int margin = std::abs(int(o.score[0]) - int(o.score[1]));
            // 6 (a touchdown), 3 (a field goal), 2 (a safety), 5 (a field goal, then a safety), 0 (tied after the
            // period).
            ASSERT_TRUE(margin == 0 || margin == 2 || margin == 3 || margin == 5 || margin == 6) << margin;
        }
    }
}

TEST(FootballKernel, RejectsStatesItCannotPlay) {
    const auto p = Params(true);
    kf::FootballOutcome out{};
    LaunchConfig config;
    config.backend = Backend::kCpu;
    kf::FootballState s;
    s.seconds_left = 0;
    EXPECT_FALSE(RunFootball(p, s, 1, 0, 1, &out, config).ok());
    s = kf::FootballState{};
    s.possession = 2;
    EXPECT_FALSE(RunFootball(p, s, 1, 0, 1, &out, config).ok());
    s = kf::FootballState{};
    s.score[1] = -1;
    EXPECT_FALSE(RunFootball(p, s, 1, 0, 1, &out, config).ok());
    s = kf::FootballState{};
    s.drives_done = 500;
    EXPECT_FALSE(RunFootball(p, s, 1, 0, 1, &out, config).ok());
}

#ifdef SIMBOOK_WITH_CUDA
TEST(FootballKernel, CudaMatchesTheCpuPathByPath) {
    if (!CudaAvailable()) {
        GTEST_SKIP() << "no CUDA device";
    }
    for (bool clock : {false, true}) {
        const auto p = Params(clock);
        const auto cpu = Simulate(p, kf::FootballState{}, 20000);
        std::vector<kf::FootballOutcome> gpu(cpu.size());
        LaunchConfig config;
        config.backend = Backend::kCuda;
        ASSERT_TRUE(RunFootball(p, kf::FootballState{}, 42, 0, gpu.size(), gpu.data(), config).ok());
        for (std::size_t i = 0; i < cpu.size(); ++i) {
            ASSERT_TRUE(Same(cpu[i], gpu[i])) << "clock " << clock << " path " << i;
        }
    }
}
#endif

} // namespace
} // namespace simbook::kernels
