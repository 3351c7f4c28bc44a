// The automatic odds-to-results join: hand-made seasons, then every season and league of ../shared/data.
#include "models/soccer_join.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace simbook::models {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

//! The shared data folder, or "" when this machine lacks it (those tests skip).
std::string DataDir() {
    const std::string dir = SIMBOOK_TEST_DATA;
    return std::filesystem::is_directory(dir + "/soccer/results") ? dir : "";
}

struct Fixture {
    int round;
    int home; // team index
    int away;
    int home_goals;
    int away_goals;
};

//! A four-team double round robin, one round a week from 2015-08-08, with scores that leave no two teams the
//! same goal record.
std::vector<Fixture> DoubleRoundRobin() {
    return {{1, 0, 1, 3, 0}, {1, 2, 3, 1, 1}, {2, 0, 2, 2, 2}, {2, 1, 3, 0, 1}, {3, 0, 3, 4, 1}, {3, 1, 2, 2, 0},
            {4, 1, 0, 1, 2}, {4, 3, 2, 0, 0}, {5, 2, 0, 1, 3}, {5, 3, 1, 2, 2}, {6, 3, 0, 0, 5}, {6, 2, 1, 3, 1}};
}

std::vector<SoccerMatch> Results(const std::vector<std::string>& names) {
    std::vector<SoccerMatch> out;
    const sys_days start{std::chrono::year{2015} / 8 / 8};
    for (const Fixture& f : DoubleRoundRobin()) {
        SoccerMatch m;
        m.season = 2015;
        m.date = start + days{7 * (f.round - 1)};
        m.home = names[static_cast<std::size_t>(f.home)];
        m.away = names[static_cast<std::size_t>(f.away)];
        m.home_goals = f.home_goals;
        m.away_goals = f.away_goals;
        out.push_back(m);
    }
    return out;
}

std::vector<SoccerOdds> Odds(const std::vector<std::string>& names) {
    std::vector<SoccerOdds> out;
    for (const Fixture& f : DoubleRoundRobin()) {
        SoccerOdds o;
        o.season = 2015;
        o.round = f.round;
        o.home = names[static_cast<std::size_t>(f.home)];
        o.away = names[static_cast<std::size_t>(f.away)];
        o.home_goals = f.home_goals;
        o.away_goals = f.away_goals;
        o.decimal_odds = {2.5, 3.2, 3.0};
        o.probability = {0.38, 0.30, 0.32};
        out.push_back(o);
    }
    return out;
}

// Names with nothing in common: the scores alone pair them, and every row joins to its own match.
TEST(SoccerJoinTest, PairsUnrelatedNamesByTheirScores) {
    const std::vector<std::string> results_names = {"Ajax", "Bruges", "Celtic", "Dundee"};
    const std::vector<std::string> odds_names = {"Zenit", "Yverdon", "Xanthi", "Wigan"};
    const auto results = Results(results_names);
    const auto odds = Odds(odds_names);
    const OddsJoin join = JoinOddsToResults(odds, results);
    EXPECT_TRUE(join.issues.empty()) << join.issues.front().message;
    ASSERT_EQ(join.joined, odds.size());
    for (std::size_t r = 0; r < odds.size(); ++r) {
        ASSERT_TRUE(join.result_of[r].has_value());
        EXPECT_EQ(*join.result_of[r], r); // same fixture order in both lists
    }
    for (std::size_t t = 0; t < 4; ++t) {
        EXPECT_EQ(join.names.at({2015, odds_names[t]}), results_names[t]);
    }
}

// Broken rows: a changed score, a match the results lack, a team the results do not know, a postponed match.
TEST(SoccerJoinTest, ReportsEveryRowThatDoesNotMatch) {
    const std::vector<std::string> results_names = {"Ajax", "Bruges", "Celtic", "Dundee"};
    auto results = Results(results_names);
    auto odds = Odds({"Zenit", "Yverdon", "Xanthi", "Wigan"});
    odds[4].away_goals = 2;             // round 3 Zenit v Wigan: 4-2 here, 4-1 in the results
    results[9].date += days{70};        // round 5 Dundee v Bruges postponed by ten weeks
    results.erase(results.begin() + 7); // round 4 Dundee v Celtic is missing from the results
    odds[0].home_goals = -1;            // no score for round 1 Zenit v Yverdon
    odds[0].away_goals = -1;
    SoccerOdds stranger = odds[1];
    stranger.home = "Valletta";
    stranger.home_goals = 7;
    odds.push_back(stranger); // a team that never appears in the results
    const OddsJoin join = JoinOddsToResults(odds, results);
    std::map<std::size_t, OddsJoinProblem> problems;
    for (const OddsJoinIssue& issue : join.issues) {
        problems[issue.odds_row] = issue.problem;
    }
    const std::map<std::size_t, OddsJoinProblem> expected = {{0, OddsJoinProblem::kNoScore},
                                                             {4, OddsJoinProblem::kScoreDiffers},
                                                             {7, OddsJoinProblem::kNoMatch},
                                                             {9, OddsJoinProblem::kDateOutsideRound},
                                                             {12, OddsJoinProblem::kNoTeam}};
    EXPECT_EQ(problems, expected);
    EXPECT_EQ(join.joined, 11u);
    EXPECT_EQ(join.Unjoined(), 2u);
    EXPECT_FALSE(join.result_of[7].has_value());
    EXPECT_FALSE(join.result_of[12].has_value());
    for (const OddsJoinIssue& issue : join.issues) {
        if (issue.problem == OddsJoinProblem::kScoreDiffers) {
            EXPECT_EQ(issue.message, "2015-16 round 3 Zenit v Wigan: score 4-2 in the odds file, 4-1 in the "
                                     "results file (2015-08-22)");
        }
        if (issue.problem == OddsJoinProblem::kNoTeam) {
            EXPECT_NE(issue.message.find("Valletta"), std::string::npos) << issue.message;
        }
    }
    EXPECT_EQ(join.names.count({2015, "Valletta"}), 0u);
}

// An override is taken as given, even against the scores, and the rows it breaks are reported.
TEST(SoccerJoinTest, OverridesWin) {
    const auto results = Results({"Ajax", "Bruges", "Celtic", "Dundee"});
    const auto odds = Odds({"Zenit", "Yverdon", "Xanthi", "Wigan"});
    const TeamNamePair swap[] = {{"Zenit", "Bruges"}, {"Yverdon", "Ajax"}};
    const OddsJoin join = JoinOddsToResults(odds, results, swap);
    EXPECT_EQ(join.names.at({2015, "Zenit"}), "Bruges");
    EXPECT_EQ(join.names.at({2015, "Yverdon"}), "Ajax");
    ASSERT_TRUE(join.result_of[0].has_value()); // round 1 Zenit v Yverdon is now Bruges v Ajax, played 1-2
    EXPECT_EQ(results[*join.result_of[0]].home, "Bruges");
    EXPECT_FALSE(join.issues.empty());
    EXPECT_EQ(join.issues.front().odds_row, 0u);
    EXPECT_EQ(join.issues.front().problem, OddsJoinProblem::kScoreDiffers);
}

// Twenty teams, a full double round robin with Poisson scores, odds names shuffled against the results names (their
// letters point to the wrong teams), a tenth of the odds rows missing: every pairing is recovered, for several
// seeds (so not one lucky schedule).
TEST(SoccerJoinTest, RecoversARandomPairingOfTwentyTeams) {
    for (const unsigned seed : {1u, 2u, 3u, 4u, 5u}) {
        std::mt19937 rng(seed);
        std::poisson_distribution<int> home_goals(1.5);
        std::poisson_distribution<int> away_goals(1.1);
        std::vector<std::string> results_names;
        std::vector<std::string> odds_names;
        for (int t = 0; t < 20; ++t) {
            std::string result_name = "Team ";
            result_name.push_back(static_cast<char>('a' + t));
            results_names.push_back(result_name);
            std::string odds_name = "Club ";
            odds_name.push_back(static_cast<char>('A' + t));
            odds_names.push_back(odds_name);
        }
        std::vector<std::size_t> to_odds(20);
        std::iota(to_odds.begin(), to_odds.end(), 0);
        std::shuffle(to_odds.begin(), to_odds.end(), rng);
        std::vector<SoccerMatch> results;
        std::vector<SoccerOdds> odds;
        const sys_days start{std::chrono::year{2015} / 8 / 8};
        int round = 0;
        for (std::size_t h = 0; h < 20; ++h) {
            for (std::size_t a = 0; a < 20; ++a) {
                if (h == a) {
                    continue;
                }
                SoccerMatch m;
                m.season = 2015;
                m.date = start + days{7 * (round % 38)};
                m.home = results_names[h];
                m.away = results_names[a];
                m.home_goals = home_goals(rng);
                m.away_goals = away_goals(rng);
                results.push_back(m);
                if (rng() % 10 != 0) {
                    SoccerOdds o;
                    o.season = 2015;
                    o.round = round % 38 + 1;
                    o.home = odds_names[to_odds[h]];
                    o.away = odds_names[to_odds[a]];
                    o.home_goals = m.home_goals;
                    o.away_goals = m.away_goals;
                    odds.push_back(o);
                }
                ++round;
            }
        }
        const OddsJoin join = JoinOddsToResults(odds, results);
        EXPECT_EQ(join.joined, odds.size()) << "seed " << seed;
        for (std::size_t t = 0; t < 20; ++t) {
            EXPECT_EQ(join.names.at({2015, odds_names[to_odds[t]]}), results_names[t]) << "seed " << seed;
        }
    }
}

TEST(SoccerJoinTest, NameSimilarity) {
    EXPECT_DOUBLE_EQ(TeamNameSimilarity("Manchester United", "Man United"), 6.0 / 9.0);
    EXPECT_DOUBLE_EQ(TeamNameSimilarity("Arsenal FC", "Arsenal"), 1.0);
    EXPECT_DOUBLE_EQ(TeamNameSimilarity("", "Arsenal"), 0.0);
    EXPECT_LT(TeamNameSimilarity("Everton", "Chelsea"), 0.3);
}

// Every season of every league in the data joins without the hand table: every row finds its match, the only
// score difference is the known one (ligue-1 2013-14 Nantes v Bastia), and the automatic pairing agrees with
// every pair of the hand table (models/soccer_team_names.cpp) that plays in the season.
TEST(SoccerJoinTest, EverySeasonOfEveryLeagueJoinsWithoutTheHandTable) {
    const std::string dir = DataDir();
    if (dir.empty()) {
        GTEST_SKIP() << "no data folder at " << SIMBOOK_TEST_DATA;
    }
    for (const SoccerLeague& league : SoccerLeagues()) {
        const auto odds = LoadSoccerOdds(dir, league.key);
        ASSERT_TRUE(odds.ok()) << odds.status().message();
        int first = 3000;
        int last = 0;
        for (const SoccerOdds& row : *odds) {
            first = std::min(first, row.season);
            last = std::max(last, row.season);
        }
        const auto results = LoadSoccerResults(dir, league.key, first, last);
        ASSERT_TRUE(results.ok()) << results.status().message();
        const OddsJoin join = JoinOddsToResults(*odds, *results);
        EXPECT_EQ(join.joined, odds->size()) << league.key;
        int score_differs = 0;
        for (const OddsJoinIssue& issue : join.issues) {
            EXPECT_TRUE(issue.problem != OddsJoinProblem::kNoTeam && issue.problem != OddsJoinProblem::kNoMatch)
                << league.key << ": " << issue.message;
            score_differs += issue.problem == OddsJoinProblem::kScoreDiffers ? 1 : 0;
        }
        EXPECT_EQ(score_differs, league.key == "ligue-1" ? 1 : 0) << league.key;
        std::set<std::pair<int, std::string>> checked;
        for (const TeamNamePair& pair : SoccerTeamNameMap(league.key)) {
            for (const auto& [key, name] : join.names) {
                if (key.second == pair.odds) {
                    EXPECT_EQ(name, pair.results) << league.key << " " << key.first << " " << pair.odds;
                    checked.insert(key);
                }
            }
        }
        EXPECT_EQ(checked.size(), join.names.size()) << league.key << ": names outside the hand table";
        // Every joined row's teams and score are the results file's.
        for (std::size_t r = 0; r < odds->size(); ++r) {
            const SoccerOdds& row = (*odds)[r];
            const SoccerMatch& match = (*results)[*join.result_of[r]];
            EXPECT_EQ(match.season, row.season);
            EXPECT_EQ(match.home, join.names.at({row.season, row.home}));
            EXPECT_EQ(match.away, join.names.at({row.season, row.away}));
        }
    }
}

} // namespace
} // namespace simbook::models
