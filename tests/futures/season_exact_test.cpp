// Season simulation against an exact enumeration on a small league: every score combination of the remaining
// fixtures (independent Poisson goals, what the kernel draws with no state effects), ranked with the same
// tie-breaks (points, goal difference, goals scored, then a uniform lottery among teams still level).
#include "futures/season.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <functional>
#include <vector>

namespace simbook::futures {
namespace {

constexpr int kMaxGoals = 10; // Poisson tail beyond 10 goals at xg <= 2: below 1e-5 per match

std::vector<double> PoissonPmf(double mean) {
    std::vector<double> pmf(kMaxGoals + 1);
    double p = std::exp(-mean);
    for (int k = 0; k <= kMaxGoals; ++k) {
        pmf[static_cast<std::size_t>(k)] = p;
        p *= mean / (k + 1);
    }
    return pmf;
}

//! Exact finishing-position distribution: place[team][k] = P(team finishes k + 1), and expected points.
struct ExactSeason {
    std::vector<std::vector<double>> place;
    std::vector<double> expected_points;
};

// `use_goals` = false ranks on points then the lottery only: a wrong tie-break, to show the check has power.
ExactSeason Enumerate(const LeagueSeason& season, bool use_goals = true) {
    const std::size_t n = season.table.size();
    const std::size_t m = season.fixtures.size();
    std::vector<int> home(m);
    std::vector<int> away(m);
    std::vector<std::vector<double>> home_pmf(m);
    std::vector<std::vector<double>> away_pmf(m);
    for (std::size_t f = 0; f < m; ++f) {
        for (std::size_t i = 0; i < n; ++i) {
            home[f] = season.table[i].team == season.fixtures[f].home ? static_cast<int>(i) : home[f];
            away[f] = season.table[i].team == season.fixtures[f].away ? static_cast<int>(i) : away[f];
        }
        home_pmf[f] = PoissonPmf(season.fixtures[f].home_xg);
        away_pmf[f] = PoissonPmf(season.fixtures[f].away_xg);
    }
    ExactSeason exact{std::vector<std::vector<double>>(n, std::vector<double>(n, 0.0)), std::vector<double>(n, 0.0)};
    std::vector<int> pts(n);
    std::vector<int> gd(n);
    std::vector<int> gf(n);
    for (std::size_t i = 0; i < n; ++i) {
        pts[i] = season.table[i].points;
        gf[i] = season.table[i].goals_for;
        gd[i] = season.table[i].goals_for - season.table[i].goals_against;
    }
    std::function<void(std::size_t, double)> walk = [&](std::size_t f, double prob) {
        if (f == m) {
            for (std::size_t i = 0; i < n; ++i) {
                int above = 0;
                int level = 0;
                for (std::size_t j = 0; j < n; ++j) {
                    if (j == i) {
                        continue;
                    }
                    const auto key_i =
                        use_goals ? std::array<int, 3>{pts[i], gd[i], gf[i]} : std::array<int, 3>{pts[i], 0, 0};
                    const auto key_j =
                        use_goals ? std::array<int, 3>{pts[j], gd[j], gf[j]} : std::array<int, 3>{pts[j], 0, 0};
                    above += key_j > key_i ? 1 : 0;
                    level += key_j == key_i ? 1 : 0;
                }
                // The lottery puts a team uniformly anywhere among the teams level with it.
                for (int k = above; k <= above + level; ++k) {
                    exact.place[i][static_cast<std::size_t>(k)] += prob / (level + 1);
                }
                exact.expected_points[i] += prob * pts[i];
            }
            return;
        }
        const int h = home[f];
        const int a = away[f];
        for (int x = 0; x <= kMaxGoals; ++x) {
            for (int y = 0; y <= kMaxGoals; ++y) {
                const int hp = x > y ? 3 : (x == y ? 1 : 0);
                const int ap = y > x ? 3 : (x == y ? 1 : 0);
                pts[h] += hp, pts[a] += ap, gf[h] += x, gf[a] += y, gd[h] += x - y, gd[a] += y - x;
                walk(f + 1, prob * home_pmf[f][x] * away_pmf[f][y]);
                pts[h] -= hp, pts[a] -= ap, gf[h] -= x, gf[a] -= y, gd[h] -= x - y, gd[a] -= y - x;
            }
        }
    };
    walk(0, 1.0);
    return exact;
}

LeagueSeason SmallLeague(std::vector<TableRow> table, std::vector<Fixture> fixtures) {
    LeagueSeason season;
    season.league = "small";
    season.table = std::move(table);
    season.fixtures = std::move(fixtures);
    season.positions = {1, 2, 1};
    season.match_model = models::SoccerModel{}.WithoutStateEffects();
    return season;
}

// Four teams with close records and three fixtures left: ties on points (and on goals) happen often.
LeagueSeason CloseRace() {
    return SmallLeague({{"Ash", 4, 7, 6, 4}, {"Birch", 4, 6, 5, 4}, {"Cedar", 4, 6, 4, 4}, {"Dogwood", 4, 3, 3, 6}},
                       {{"Ash", "Birch", 1.2, 1.3}, {"Cedar", "Dogwood", 1.6, 0.9}, {"Dogwood", "Ash", 1.0, 1.4}});
}

// Everyone on nothing with one team idle: the idle team's place hangs on the lottery as often as on results.
LeagueSeason AllLevel() {
    return SmallLeague({{"Ash", 0, 0, 0, 0}, {"Birch", 0, 0, 0, 0}, {"Cedar", 0, 0, 0, 0}, {"Dogwood", 0, 0, 0, 0}},
                       {{"Ash", "Birch", 0.7, 0.6}, {"Birch", "Cedar", 0.5, 0.8}, {"Cedar", "Ash", 0.6, 0.6}});
}

SeasonForecast Simulate(const LeagueSeason& season, std::uint64_t seasons, std::uint64_t seed) {
    SeasonSimulationOptions options;
    options.seasons = seasons;
    options.seed = seed;
    options.launch = {kernels::Backend::kCpu, 0};
    Result<SeasonForecast> forecast = SimulateSeasons(season, options);
    EXPECT_TRUE(forecast.ok()) << forecast.status().message();
    return std::move(forecast).value();
}

// Largest |MC - exact| / SE over every team and place (SE from the exact probability).
double WorstZ(const SeasonForecast& mc, const ExactSeason& exact) {
    double worst = 0.0;
    const double n = static_cast<double>(mc.seasons);
    for (std::size_t i = 0; i < mc.teams.size(); ++i) {
        for (std::size_t k = 0; k < mc.teams.size(); ++k) {
            const double p = exact.place[i][k];
            const double se = std::sqrt(std::max(p * (1.0 - p), 1e-12) / n);
            worst = std::max(worst, std::abs(mc.teams[i].position_probability[k] - p) / se);
        }
    }
    return worst;
}

void ExpectAgreement(const LeagueSeason& season) {
    const ExactSeason exact = Enumerate(season);
    const SeasonForecast mc = Simulate(season, 200'000, 11);
    ASSERT_EQ(mc.invalid_seasons, 0u);
    const std::size_t n = season.table.size();
    for (std::size_t i = 0; i < n; ++i) {
        const TeamForecast& t = mc.teams[i];
        double total = 0.0;
        for (double p : exact.place[i]) {
            total += p;
        }
        ASSERT_NEAR(total, 1.0, 1e-4) << "enumeration lost mass";
        for (std::size_t k = 0; k < n; ++k) {
            const double p = exact.place[i][k];
            const double se = std::sqrt(std::max(p * (1.0 - p), 1e-12) / static_cast<double>(mc.seasons));
            EXPECT_NEAR(t.position_probability[k], p, 4.0 * se) << t.team << " place " << k + 1;
        }
        const double title = exact.place[i][0];
        const double top2 = exact.place[i][0] + exact.place[i][1];
        const double bottom = exact.place[i][n - 1];
        EXPECT_NEAR(t.title.probability, title, 4.0 * t.title.std_error + 1e-9) << t.team;
        EXPECT_NEAR(t.top.probability, top2, 4.0 * t.top.std_error + 1e-9) << t.team;
        EXPECT_NEAR(t.relegation.probability, bottom, 4.0 * t.relegation.std_error + 1e-9) << t.team;
        EXPECT_NEAR(t.expected_points, exact.expected_points[i], 4.0 * t.expected_points_se + 1e-9) << t.team;
    }
}

TEST(SeasonExact, CloseRaceMatchesEnumeration) {
    ExpectAgreement(CloseRace());
}

TEST(SeasonExact, AllLevelMatchesEnumerationIncludingLottery) {
    ExpectAgreement(AllLevel());
}

TEST(SeasonExact, CheckHasPowerAgainstAWrongTieBreak) {
    // Ranking on points and a lottery only (no goal difference) gives a different answer that the
    // simulation must reject by far: the agreement above is not a tolerance too loose to fail.
    const LeagueSeason season = AllLevel();
    const SeasonForecast mc = Simulate(season, 200'000, 11);
    EXPECT_LT(WorstZ(mc, Enumerate(season, true)), 4.5);
    EXPECT_GT(WorstZ(mc, Enumerate(season, false)), 20.0);
}

TEST(SeasonExact, FinishedSeasonIsTheTable) {
    LeagueSeason season = SmallLeague(
        {{"Ash", 6, 10, 9, 5}, {"Birch", 6, 12, 8, 6}, {"Cedar", 6, 10, 9, 4}, {"Dogwood", 6, 1, 2, 13}}, {});
    const SeasonForecast mc = Simulate(season, 1000, 3);
    EXPECT_DOUBLE_EQ(mc.teams[1].title.probability, 1.0);
    EXPECT_DOUBLE_EQ(mc.teams[2].position_probability[1], 1.0); // Cedar: same points as Ash, better goal difference
    EXPECT_DOUBLE_EQ(mc.teams[0].position_probability[2], 1.0);
    EXPECT_DOUBLE_EQ(mc.teams[3].relegation.probability, 1.0);
    EXPECT_DOUBLE_EQ(mc.teams[3].expected_points, 1.0);
}

} // namespace
} // namespace simbook::futures
