#include "engine/soccer/tallies.hpp"

#include "engine/report.hpp"
#include "engine/soccer/game.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace simbook::engine {

namespace ks = kernels::soccer;
using report_format::Describe;
using report_format::Outcomes;
using report_format::Pairs;
using report_format::Ratio;
using report_format::ScoreGrid;

SoccerTallies EmptyTallies(const SoccerGame&) {
    return SoccerTallies{};
}

void SoccerTallies::Sink(const ks::SoccerOutcome& o) {
    half_time.Add(o.ht_home, o.ht_away);
    ++first_goal[static_cast<std::size_t>(o.first_goal)];
    if (o.first_goal == ks::FirstGoal::kHome || o.first_goal == ks::FirstGoal::kAway) {
        first_goal_minute[o.first_goal == ks::FirstGoal::kHome ? 0 : 1].Add(o.first_goal_minute);
    }
    for (int g = 0; g < o.goals_recorded; ++g) {
        goal_minute[(o.goal_team_bits >> g) & 1u].Add(o.goal_minute[g]);
    }
    lead_changes.Add(o.lead_changes);
    const auto result = [](int home, int away) { return home > away ? 0 : (home == away ? 1 : 2); };
    ++ht_ft[result(o.ht_home, o.ht_away)][result(o.home, o.away)];
    red_cards[0].Add(o.red_home);
    red_cards[1].Add(o.red_away);
}

void SoccerTallies::Combine(const SoccerTallies& other) {
    half_time.Combine(other.half_time);
    for (std::size_t i = 0; i < first_goal.size(); ++i) {
        first_goal[i] += other.first_goal[i];
    }
    for (std::size_t t = 0; t < 2; ++t) {
        first_goal_minute[t].Combine(other.first_goal_minute[t]);
        goal_minute[t].Combine(other.goal_minute[t]);
        red_cards[t].Combine(other.red_cards[t]);
    }
    lead_changes.Combine(other.lead_changes);
    for (std::size_t h = 0; h < 3; ++h) {
        for (std::size_t f = 0; f < 3; ++f) {
            ht_ft[h][f] += other.ht_ft[h][f];
        }
    }
}

void AddReport(nlohmann::json& j, const SoccerTallies& s, const SimulationResult& r) {
    const auto ht = Outcomes(s.half_time, r.sims);
    j["half_time"] = {{"win_probability", {{"home", ht[0]}, {"draw", ht[1]}, {"away", ht[2]}}},
                      {"score_distribution", ScoreGrid(s.half_time, r.sims)}};
    j["first_goal"] = {
        {"home", Ratio(s.first_goal[1], r.sims)},          {"away", Ratio(s.first_goal[2], r.sims)},
        {"none", Ratio(s.first_goal[0], r.sims)},          {"before_state", Ratio(s.first_goal[3], r.sims)},
        {"minute_home", Describe(s.first_goal_minute[0])}, {"minute_away", Describe(s.first_goal_minute[1])}};
    // Goals per 15-minute window (stoppage goals count in the 45th / 90th minute).
    nlohmann::json windows = nlohmann::json::array();
    for (int w = 0; w < 6; ++w) {
        std::array<std::uint64_t, 2> goals{};
        for (int t = 0; t < 2; ++t) {
            for (int minute = 15 * w + 1; minute <= 15 * w + 15; ++minute) {
                goals[static_cast<std::size_t>(t)] += s.goal_minute[static_cast<std::size_t>(t)].count(minute);
            }
        }
        windows.push_back({{"from", 15 * w},
                           {"to", 15 * w + 15},
                           {"home", Ratio(goals[0], r.sims)},
                           {"away", Ratio(goals[1], r.sims)}});
    }
    j["expected_goals_by_window"] = windows;
    j["lead_changes"] = {{"mean", s.lead_changes.Mean()}, {"distribution", Pairs(s.lead_changes)}};
    j["red_cards"] = {{"home_mean", s.red_cards[0].Mean()}, {"away_mean", s.red_cards[1].Mean()}};
}

std::string WinLine(const SoccerTallies&, const SimulationResult& r) {
    const auto win = r.WinProbabilities();
    char line[256];
    std::snprintf(line, sizeof line, "  win probability  home %.4f  draw %.4f  away %.4f   (s.e. %.4f)\n", win[0],
                  win[1], win[2], r.HomeWinStandardError());
    return line;
}

std::string ExtraLines(const SoccerTallies& s, const SimulationResult& r) {
    char line[256];
    std::snprintf(
        line, sizeof line,
        "  first goal       home %.4f  away %.4f  none %.4f\n  both teams score %.4f   lead "
        "changes (mean) %.3f\n",
        Ratio(s.first_goal[1], r.sims), Ratio(s.first_goal[2], r.sims), Ratio(s.first_goal[0], r.sims),
        [&] {
            std::uint64_t btts = 0;
            for (std::size_t h = 1; h < r.score.dim(); ++h) {
                for (std::size_t a = 1; a < r.score.dim(); ++a) {
                    btts += r.score.count(h, a);
                }
            }
            return Ratio(btts, r.sims);
        }(),
        s.lead_changes.Mean());
    return line;
}

} // namespace simbook::engine
