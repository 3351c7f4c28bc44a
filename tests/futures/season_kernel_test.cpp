// The season kernel is the soccer kernel run fixture by fixture: same (seed, path id), same scores; and its
// results do not depend on the thread count or the batch split.
#include "futures/season.hpp"
#include "kernels/launch.hpp"
#include "kernels/season/season_params.hpp"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace simbook::futures {
namespace {

struct League {
    kernels::season::SeasonParams params{};
    std::vector<kernels::season::SeasonFixture> fixtures;
    std::vector<kernels::soccer::SoccerParams> match_params; // per fixture, as RunSoccer takes them
};

League SixTeams() {
    League league;
    const models::SoccerModel base; // with score effects and red cards
    league.params.match = models::MakeSoccerParams(base).value();
    league.params.n_teams = 6;
    for (int i = 0; i < 6; ++i) {
        league.params.start[i] = {10 - i, 8, 7};
    }
    for (int h = 0; h < 6; ++h) {
        for (int a = 0; a < 6; ++a) {
            if (h != a) {
                models::SoccerModel m = base;
                m.home_xg = 1.0 + 0.1 * a;
                m.away_xg = 0.8 + 0.1 * h;
                const kernels::soccer::SoccerParams p = models::MakeSoccerParams(m).value();
                league.fixtures.push_back({h, a, {p.goal_rate[0], p.goal_rate[1]}});
                league.match_params.push_back(p);
            }
        }
    }
    league.params.n_fixtures = static_cast<int>(league.fixtures.size());
    return league;
}

TEST(SeasonKernel, FixturesAreSoccerKernelPaths) {
    const League league = SixTeams();
    const std::size_t seasons = 64;
    const std::size_t n_fix = league.fixtures.size();
    std::vector<std::uint8_t> positions(seasons * 6);
    std::vector<std::uint16_t> points(seasons * 6);
    std::vector<std::uint8_t> scores(seasons * n_fix * 2);
    const std::uint64_t seed = 99;
    const std::uint64_t first = 1000;
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), seed, first, seasons, positions.data(),
                                    points.data(), scores.data(), {kernels::Backend::kCpu, 2})
                    .ok());
    for (std::size_t f = 0; f < n_fix; ++f) {
        std::vector<kernels::soccer::SoccerOutcome> out(1);
        for (std::size_t s = 0; s < seasons; s += 7) {
            const std::uint64_t path =
                kernels::season::SeasonPathId(first + s, static_cast<int>(n_fix), static_cast<int>(f));
            ASSERT_TRUE(kernels::RunSoccer(league.match_params[f], kernels::soccer::SoccerState{}, seed, path, 1,
                                           out.data(), {kernels::Backend::kCpu, 1})
                            .ok());
            EXPECT_EQ(scores[(s * n_fix + f) * 2], out[0].home) << "season " << s << " fixture " << f;
            EXPECT_EQ(scores[(s * n_fix + f) * 2 + 1], out[0].away) << "season " << s << " fixture " << f;
        }
    }
    // Points of every season are the table's plus what the scores give.
    for (std::size_t s = 0; s < seasons; ++s) {
        std::vector<int> pts(6);
        for (int i = 0; i < 6; ++i) {
            pts[static_cast<std::size_t>(i)] = 10 - i;
        }
        for (std::size_t f = 0; f < n_fix; ++f) {
            const int h = scores[(s * n_fix + f) * 2];
            const int a = scores[(s * n_fix + f) * 2 + 1];
            pts[static_cast<std::size_t>(league.fixtures[f].home)] += h > a ? 3 : (h == a ? 1 : 0);
            pts[static_cast<std::size_t>(league.fixtures[f].away)] += a > h ? 3 : (h == a ? 1 : 0);
        }
        std::vector<bool> seen(7, false);
        for (std::size_t i = 0; i < 6; ++i) {
            EXPECT_EQ(points[s * 6 + i], pts[i]);
            const int place = positions[s * 6 + i];
            ASSERT_GE(place, 1);
            ASSERT_LE(place, 6);
            EXPECT_FALSE(seen[static_cast<std::size_t>(place)]) << "two teams in place " << place;
            seen[static_cast<std::size_t>(place)] = true;
            for (std::size_t j = 0; j < 6; ++j) {
                if (positions[s * 6 + j] < place) {
                    EXPECT_GE(points[s * 6 + j], points[s * 6 + i]) << "a team above has fewer points";
                }
            }
        }
    }
}

TEST(SeasonKernel, SameSeedSameNumbersOnAnyThreadCountAndBatch) {
    const League league = SixTeams();
    const std::size_t seasons = 500;
    std::vector<std::uint8_t> pos1(seasons * 6);
    std::vector<std::uint8_t> pos2(seasons * 6);
    std::vector<std::uint16_t> pts1(seasons * 6);
    std::vector<std::uint16_t> pts2(seasons * 6);
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), 5, 0, seasons, pos1.data(), pts1.data(),
                                    nullptr, {kernels::Backend::kCpu, 1})
                    .ok());
    // Two threads, in two batches.
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), 5, 0, 200, pos2.data(), pts2.data(), nullptr,
                                    {kernels::Backend::kCpu, 2})
                    .ok());
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), 5, 200, seasons - 200, pos2.data() + 200 * 6,
                                    pts2.data() + 200 * 6, nullptr, {kernels::Backend::kCpu, 2})
                    .ok());
    EXPECT_EQ(pos1, pos2);
    EXPECT_EQ(pts1, pts2);
    std::vector<std::uint16_t> other(seasons * 6);
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), 6, 0, seasons, pos2.data(), other.data(),
                                    nullptr, {kernels::Backend::kCpu, 2})
                    .ok());
    EXPECT_NE(pts1, other) << "another seed must give other seasons";
}

TEST(SeasonKernel, CudaGivesTheCpuSeasons) {
    if (!kernels::CudaAvailable()) {
        GTEST_SKIP() << "no CUDA device";
    }
    const League league = SixTeams();
    const std::size_t seasons = 2000;
    std::vector<std::uint8_t> pos_cpu(seasons * 6);
    std::vector<std::uint8_t> pos_gpu(seasons * 6);
    std::vector<std::uint16_t> pts_cpu(seasons * 6);
    std::vector<std::uint16_t> pts_gpu(seasons * 6);
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), 8, 0, seasons, pos_cpu.data(),
                                    pts_cpu.data(), nullptr, {kernels::Backend::kCpu, 2})
                    .ok());
    ASSERT_TRUE(kernels::RunSeasons(league.params, league.fixtures.data(), 8, 0, seasons, pos_gpu.data(),
                                    pts_gpu.data(), nullptr, {kernels::Backend::kCuda, 0})
                    .ok());
    EXPECT_EQ(pos_cpu, pos_gpu);
    EXPECT_EQ(pts_cpu, pts_gpu);
}

TEST(SeasonKernel, ForecastIndependentOfThreads) {
    LeagueSeason season;
    season.table = {{"A", 2, 4, 3, 2}, {"B", 2, 3, 2, 2}, {"C", 2, 1, 1, 2}, {"D", 2, 2, 2, 2}};
    season.fixtures = {{"A", "B", 1.3, 1.1}, {"C", "D", 1.5, 1.0}, {"B", "C", 1.2, 1.2}, {"D", "A", 0.9, 1.6}};
    season.positions = {1, 2, 1};
    SeasonSimulationOptions one;
    one.seasons = 70'000; // more than one batch
    one.launch = {kernels::Backend::kCpu, 1};
    SeasonSimulationOptions two = one;
    two.launch.threads = 2;
    const SeasonForecast a = SimulateSeasons(season, one).value();
    const SeasonForecast b = SimulateSeasons(season, two).value();
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(a.teams[i].position_probability, b.teams[i].position_probability);
        EXPECT_EQ(a.teams[i].expected_points, b.teams[i].expected_points);
    }
}

} // namespace
} // namespace simbook::futures
