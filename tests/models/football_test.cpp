// The NFL data loader (every row's teams map, the README's filters) and the drive model's parameters.
#include "models/football_data.hpp"
#include "models/football_fit.hpp"
#include "models/football_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace simbook::models {
namespace {

const std::string kData = SIMBOOK_TEST_DATA;

TEST(FootballData, EveryRowsTeamsMapExceptTheBrokenSuperBowlRows) {
    std::ifstream in(kData + "/football/sbr-odds/nfl_2011_2018.csv");
    ASSERT_TRUE(in.good());
    std::string line;
    std::getline(in, line);
    int rows = 0;
    int broken = 0;
    std::set<std::string> franchises;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string season, date, home, away;
        std::getline(fields, season, ',');
        std::getline(fields, date, ',');
        std::getline(fields, home, ',');
        std::getline(fields, away, ',');
        ++rows;
        if (home == "0") {
            ++broken; // the data README: the Super Bowl rows have home_team "0"
            continue;
        }
        const auto h = FootballFranchise(home, std::stoi(season));
        const auto a = FootballFranchise(away, std::stoi(season));
        ASSERT_TRUE(h.has_value()) << home << " in " << season;
        ASSERT_TRUE(a.has_value()) << away << " in " << season;
        franchises.insert(*h);
        franchises.insert(*a);
    }
    EXPECT_EQ(rows, 2136);
    EXPECT_EQ(broken, 8);
    EXPECT_EQ(franchises.size(), 32u);
    EXPECT_EQ(FootballFranchises().size(), 32u);
}

TEST(FootballData, AmbiguousCityNamesMapOnlyWhereTheyAreUnambiguous) {
    EXPECT_EQ(FootballFranchise("LosAngeles", 2016), "Rams");
    EXPECT_FALSE(FootballFranchise("LosAngeles", 2017).has_value());
    EXPECT_EQ(FootballFranchise("SanDiego", 2012), "Chargers");
    EXPECT_EQ(FootballFranchise("St.Louis", 2014), "Rams");
    EXPECT_EQ(FootballFranchise("Fortyniners", 2018), "49ers");
    EXPECT_FALSE(FootballFranchise("0", 2013).has_value());
}

TEST(FootballData, LoadsFiltersAndNumbersWeeks) {
    FootballLoadReport report;
    auto games = LoadFootballGames(kData, &report);
    ASSERT_TRUE(games.ok()) << games.status().message();
    EXPECT_EQ(report.rows, 2136);
    EXPECT_EQ(report.dropped_teams, 8);
    EXPECT_EQ(games.value().size(), 2128u);
    EXPECT_GT(report.bad_spread, 100); // about 9% of rows have a total in the spread field
    EXPECT_GT(report.bad_total, 100);
    int playoffs = 0;
    for (const FootballGame& g : games.value()) {
        EXPECT_EQ(g.home_quarters[0] + g.home_quarters[1] + g.home_quarters[2] + g.home_quarters[3] + g.HomeOvertime(),
                  g.home_points);
        EXPECT_GE(g.HomeOvertime(), 0);
        EXPECT_GE(g.AwayOvertime(), 0);
        if (g.has_spread) {
            EXPECT_LE(std::abs(g.home_spread), 25.0);
        }
        if (g.has_total) {
            EXPECT_GT(g.total, 25.0);
            EXPECT_LT(g.total, 70.0);
        }
        if (g.has_spread && g.has_moneyline && g.home_spread != 0.0) {
            EXPECT_EQ(g.home_spread < 0.0, AmericanToDecimal(g.home_moneyline) < AmericanToDecimal(g.away_moneyline));
        }
        EXPECT_GE(g.week, 1);
        EXPECT_LE(g.week, 22);
        playoffs += g.playoff ? 1 : 0;
    }
    // 11 playoff games a season before the (dropped) Super Bowl: 10 a season in the file.
    EXPECT_EQ(playoffs, 8 * 10);
}

TEST(FootballModel, OffenceScalesReproduceTheExpectedPoints) {
    const FootballLeague league;
    double mh = 0.0;
    double ma = 0.0;
    SolveOffenceScales(league, 27.0, 18.0, 0.94, &mh, &ma);
    EXPECT_NEAR(ExpectedDrivePoints(league, mh, ma, 0.94), 27.0, 1e-6);
    EXPECT_NEAR(ExpectedDrivePoints(league, ma, mh, 0.94), 18.0, 1e-6);
    EXPECT_GT(mh, 1.0);
    EXPECT_LT(ma, 1.0);
}

TEST(FootballModel, RulesFollowTheHistory) {
    EXPECT_FALSE(FootballRulesFor(2011, false).overtime_modified);
    EXPECT_TRUE(FootballRulesFor(2011, true).overtime_modified);
    EXPECT_EQ(FootballRulesFor(2016, false).overtime_seconds, 900);
    EXPECT_EQ(FootballRulesFor(2017, false).overtime_seconds, 600);
    EXPECT_EQ(FootballRulesFor(2017, true).overtime_seconds, 900);
    EXPECT_GT(FootballRulesFor(2014, false).kick_good, FootballRulesFor(2015, false).kick_good);
    const auto p = MakeFootballParams(FootballLeague{}, 23.0, 21.0, FootballRulesFor(2017, false), false);
    EXPECT_EQ(p.overtime_drives, 3);
    EXPECT_EQ(p.clock, 0);
    for (int k = 1; k < kernels::football::kDriveEnds - 1; ++k) {
        EXPECT_GE(p.drive_threshold[0][0][k], p.drive_threshold[0][0][k - 1]);
    }
}

TEST(FootballFit, AgeCountsWeeksOfPlayAndTheOffseason) {
    EXPECT_EQ(FootballAgeWeeks(2014, 3, 2014, 5, 4.0), 2.0);
    EXPECT_EQ(FootballAgeWeeks(2013, 17, 2014, 1, 4.0), 10.0); // weeks 18-22, the off-season, week 1
}

TEST(FootballFit, RatingsFollowTheLinesAndShrinkTowardsTheLeague) {
    auto games = LoadFootballGames(kData);
    ASSERT_TRUE(games.ok());
    auto r = FitFootballRatings(games.value(), 2014, 1, FootballFitOptions{});
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_GT(r.value().home_advantage, 0.0);
    EXPECT_LT(r.value().home_advantage, 0.25);
    const auto [h, a] = r.value().ExpectedPoints("Broncos", "Jaguars");
    EXPECT_GT(h, a + 7.0); // the 2013 Broncos scored a record 606 points; the Jaguars were the weakest team
    EXPECT_GT(h + a, 30.0);
    EXPECT_LT(h + a, 70.0);
    FootballFitOptions strong = FootballFitOptions{};
    strong.prior_weight = 1e6;
    strong.margin_scale = 1.0;
    auto flat = FitFootballRatings(games.value(), 2014, 1, strong);
    ASSERT_TRUE(flat.ok());
    const auto [fh, fa] = flat.value().ExpectedPoints("Broncos", "Jaguars");
    EXPECT_NEAR(fh / fa, std::exp(flat.value().home_advantage), 1e-3);
}

} // namespace
} // namespace simbook::models
