// The motivation stakes of the evaluation, from the futures engine: a title decider, a dead rubber, and a match
// whose result no simulation can change.
#include "app/season_stakes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

using std::chrono::days;

models::SoccerMatch Match(const std::string& home, const std::string& away, int home_goals, int away_goals, int day) {
    models::SoccerMatch m;
    m.date = std::chrono::sys_days{std::chrono::year{2016} / 1 / 1} + days{day};
    m.season = 2015;
    m.home = home;
    m.away = away;
    m.home_goals = home_goals;
    m.away_goals = away_goals;
    return m;
}

// Eight teams, one match day left: A and B level on points far ahead of the rest meet (the winner takes the title,
// the loser is second: both stakes 1); G and H, relegated whatever happens, meet too (both stakes 0).
TEST(SeasonStakesTest, TitleDeciderAndDeadRubber) {
    const std::vector<std::string> teams = {"A", "B", "C", "D", "E", "F", "G", "H"};
    std::vector<models::SoccerMatch> played;
    int day = 0;
    // Every team beats every team below it home and away (A v B aside): A and B 36 points, C 30, D 24, E 18,
    // F 12, G 6, H 0; places 6-8 are relegated, and G can reach 9 at most.
    for (std::size_t i = 0; i < teams.size(); ++i) {
        for (std::size_t j = i + 1; j < teams.size(); ++j) {
            if (i == 0 && j == 1) {
                continue; // A v B is the last match
            }
            played.push_back(Match(teams[i], teams[j], 2, 0, day++));
            played.push_back(Match(teams[j], teams[i], 0, 2, day++));
        }
    }
    std::vector<models::SoccerMatch> remaining = {Match("A", "B", 0, 0, day + 10), Match("G", "H", 0, 0, day + 10)};
    models::SeasonSituation situation;
    situation.league = "test";
    situation.season = 2015;
    situation.day = remaining.front().date;
    for (const auto& m : played) {
        situation.played.push_back(&m);
    }
    for (const auto& m : remaining) {
        situation.remaining.push_back(&m);
        situation.remaining_xg.emplace_back(1.4, 1.1);
    }
    situation.today = 2;
    const auto stakes = MakeFuturesMotivation(2000, 3)(situation);
    ASSERT_EQ(stakes.size(), 2u);
    EXPECT_NEAR(stakes[0].first, 1.0, 1e-12);  // A: champion after a win, second after a loss
    EXPECT_NEAR(stakes[0].second, 1.0, 1e-12); // B: the same
    EXPECT_NEAR(stakes[1].first, 0.0, 1e-12);  // G: relegated either way
    EXPECT_NEAR(stakes[1].second, 0.0, 1e-12); // H: relegated either way
}

} // namespace
} // namespace simbook::app
