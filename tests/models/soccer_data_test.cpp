#include "models/soccer_data.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace simbook::models {
namespace {

//! The shared data folder, or "" when this machine lacks it (those tests skip).
std::string DataDir() {
    const std::string dir = SIMBOOK_TEST_DATA;
    return std::filesystem::is_directory(dir + "/soccer/results") ? dir : "";
}

std::string WriteTemp(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
}

TEST(SoccerDataTest, ParsesTheDateFormatsOfTheResultsFiles) {
    using namespace std::chrono;
    const sys_days expected{year{2016} / 5 / 17};
    EXPECT_EQ(ParseDate("2016-05-17").value(), expected);
    EXPECT_EQ(ParseDate("17/05/2016").value(), expected);
    EXPECT_EQ(ParseDate("17/05/16").value(), expected);
    EXPECT_EQ(ParseDate("17/05/98").value(), (sys_days{year{1998} / 5 / 17}));
    EXPECT_EQ(FormatDate(expected), "2016-05-17");
    EXPECT_FALSE(ParseDate("2016-02-30").ok());
    EXPECT_FALSE(ParseDate("May 17").ok());
    EXPECT_NE(ParseDate("17.05.2016").status().message().find("17.05.2016"), std::string::npos);
    EXPECT_EQ(SeasonLabel(2015), "2015-16");
    EXPECT_EQ(SeasonLabel(1999), "1999-00");
}

TEST(SoccerDataTest, ReadsQuotedFieldsAndEmptyHalfTimeScores) {
    const std::string path = WriteTemp("season-ok.csv", "Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,Referee\r\n"
                                                        "2002-01-26,Freiburg,Nurnberg,2,0,H,1,0,\"Kinhofer, T\"\r\n"
                                                        "26/01/02,St Pauli,Wolfsburg,3,1,H,,,\r\n");
    const auto matches = LoadSoccerResultsFile(path, 2001).value();
    ASSERT_EQ(matches.size(), 2u);
    EXPECT_EQ(matches[0].home, "Freiburg");
    EXPECT_EQ(matches[0].ht_home_goals, 1);
    EXPECT_EQ(matches[1].away_goals, 1);
    EXPECT_EQ(matches[1].ht_home_goals, -1);
    EXPECT_EQ(matches[1].date, matches[0].date);
}

TEST(SoccerDataTest, BadInputNamesFileLineAndValue) {
    const std::string bad_goals =
        WriteTemp("season-bad.csv", "Date,HomeTeam,AwayTeam,FTHG,FTAG\n2002-01-26,A,B,2,0\n2002-01-27,C,D,two,0\n");
    const auto goals = LoadSoccerResultsFile(bad_goals, 2001);
    ASSERT_FALSE(goals.ok());
    EXPECT_NE(goals.status().message().find(bad_goals + ":3"), std::string::npos) << goals.status().message();
    EXPECT_NE(goals.status().message().find("'two'"), std::string::npos);
    const std::string bad_date = WriteTemp("season-date.csv", "Date,HomeTeam,AwayTeam,FTHG,FTAG\n2002-13-26,A,B,2,0\n");
    EXPECT_NE(LoadSoccerResultsFile(bad_date, 2001).status().message().find(":2: Date"), std::string::npos);
    const std::string no_column = WriteTemp("season-col.csv", "Date,HomeTeam,AwayTeam,FTHG\n2002-01-26,A,B,2\n");
    EXPECT_NE(LoadSoccerResultsFile(no_column, 2001).status().message().find("no column FTAG"), std::string::npos);
    const std::string short_row = WriteTemp("season-short.csv", "Date,HomeTeam,AwayTeam,FTHG,FTAG\n2002-01-26,A,B\n");
    EXPECT_NE(LoadSoccerResultsFile(short_row, 2001).status().message().find(":2: 3 fields"), std::string::npos);
    const auto missing = LoadSoccerResultsFile("/nonexistent/season-0001.csv", 2000);
    EXPECT_NE(missing.status().message().find("/nonexistent/season-0001.csv"), std::string::npos);
    EXPECT_NE(LoadSoccerResults("/nonexistent", "premier-league", 2000, 2001)
                  .status()
                  .message()
                  .find("/nonexistent/soccer/results/premier-league"),
              std::string::npos);
    EXPECT_NE(FindSoccerLeague("mls").status().message().find("'mls'"), std::string::npos);
    EXPECT_NE(ResultsTeamName("premier-league", "Atlantis FC").status().message().find("Atlantis FC"),
              std::string::npos);
}

TEST(SoccerDataTest, DataDirComesFromTheFlagThenTheEnvironment) {
    EXPECT_EQ(ResolveDataDir("/some/where"), "/some/where");
    ::setenv("SIMBOOK_DATA", "/from/env", 1);
    EXPECT_EQ(ResolveDataDir(""), "/from/env");
    ::unsetenv("SIMBOOK_DATA");
    // Then ../shared/data from the working directory when it exists, else the folder beside the checkout.
    const std::string fallback = ResolveDataDir("");
    if (std::filesystem::is_directory("../shared/data")) {
        EXPECT_EQ(fallback, "../shared/data");
    } else {
        EXPECT_EQ(fallback.substr(fallback.size() - 12), "/shared/data") << fallback;
        EXPECT_NE(fallback.front(), '.') << fallback;
    }
}

// The hand table (now the overrides of the automatic join): every odds-file team of 2005-06..2015-16 maps to a
// results-file team, and every odds row of those seasons is one results-file match with the same score.
TEST(SoccerDataTest, EveryOddsTeamMapsToAResultsTeamAndEveryOddsRowToAMatch) {
    const std::string dir = DataDir();
    if (dir.empty()) {
        GTEST_SKIP() << "no data folder at " << SIMBOOK_TEST_DATA;
    }
    for (const SoccerLeague& league : SoccerLeagues()) {
        const auto odds = LoadSoccerOdds(dir, league.key).value();
        const auto results = LoadSoccerResults(dir, league.key, 2005, 2015).value();
        std::map<std::tuple<int, std::string, std::string>, std::pair<int, int>> score;
        for (const SoccerMatch& m : results) {
            EXPECT_TRUE(
                score.emplace(std::make_tuple(m.season, m.home, m.away), std::make_pair(m.home_goals, m.away_goals))
                    .second)
                << league.key << " plays " << m.home << " v " << m.away << " twice in " << m.season;
        }
        std::set<std::string> used;
        for (const SoccerOdds& row : odds) {
            if (row.season > 2015) {
                continue; // later seasons join without the table (tests/models/soccer_join_test.cpp)
            }
            const auto home = ResultsTeamName(league.key, row.home);
            const auto away = ResultsTeamName(league.key, row.away);
            ASSERT_TRUE(home.ok()) << home.status().message();
            ASSERT_TRUE(away.ok()) << away.status().message();
            used.insert(row.home);
            used.insert(row.away);
            const auto it = score.find(std::make_tuple(row.season, *home, *away));
            ASSERT_NE(it, score.end()) << league.key << " " << row.season << " " << *home << " v " << *away;
            // One odds row has no score; one disagrees with the results file (ligue-1 2013-14 Nantes v Bastia:
            // results 2-0, odds 0-0). Evaluations score against the results files.
            const bool known_discrepancy =
                league.key == "ligue-1" && row.season == 2013 && *home == "Nantes" && *away == "Bastia";
            if (row.home_goals >= 0 && !known_discrepancy) {
                EXPECT_EQ(it->second, std::make_pair(row.home_goals, row.away_goals))
                    << league.key << " " << row.season << " " << *home << " v " << *away;
            }
            // The file's probabilities are the odds' implied probabilities normalised (multiplicative de-vig),
            // to 3e-4 (two rows differ slightly, presumably rounded odds).
            const double overround = 1 / row.decimal_odds[0] + 1 / row.decimal_odds[1] + 1 / row.decimal_odds[2];
            EXPECT_NEAR(row.probability[0], 1 / row.decimal_odds[0] / overround, 3e-4);
        }
        EXPECT_EQ(used.size(), SoccerTeamNameMap(league.key).size()) << league.key << ": the map has unused names";
    }
}

TEST(SoccerDataTest, EverySeasonOfEveryLeagueLoads) {
    const std::string dir = DataDir();
    if (dir.empty()) {
        GTEST_SKIP() << "no data folder at " << SIMBOOK_TEST_DATA;
    }
    for (const SoccerLeague& league : SoccerLeagues()) {
        const auto matches = LoadSoccerResults(dir, league.key, 1993, 2025);
        ASSERT_TRUE(matches.ok()) << matches.status().message();
        EXPECT_GT(matches->size(), 9000u) << league.key;
    }
}

} // namespace
} // namespace simbook::models
