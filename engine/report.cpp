#include "engine/report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <utility>
#include <vector>

namespace simbook::engine {

namespace kb = kernels::basketball;

namespace {

double Ratio(std::uint64_t count, std::uint64_t total) {
    return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

//! {"mean": m, "p10": ..., "p90": ...} of a histogram.
nlohmann::json Describe(const Histogram1D& h) {
    nlohmann::json j = {{"mean", h.Mean()}};
    for (int q : kReportedPercentiles) {
        std::string key = std::to_string(q);
        key.insert(0, 1, 'p'); // not "p" + ...: GCC 12 -Wrestrict false positive (PR 105329)
        j[key] = h.Quantile(q / 100.0);
    }
    return j;
}

//! [[value, probability], ...] for values with non-zero mass.
nlohmann::json Pairs(const std::vector<double>& p, int offset) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] > 0.0) {
            out.push_back({static_cast<int>(i) + offset, p[i]});
        }
    }
    return out;
}

nlohmann::json Pairs(const Histogram1D& h) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < h.size(); ++i) {
        if (h.count(i) > 0) {
            out.push_back({i, Ratio(h.count(i), h.total())});
        }
    }
    return out;
}

nlohmann::json ScoreGrid(const Histogram2D& h, std::uint64_t sims) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t a = 0; a < h.dim(); ++a) {
        for (std::size_t b = 0; b < h.dim(); ++b) {
            if (h.count(a, b) > 0) {
                out.push_back({a, b, Ratio(h.count(a, b), sims)});
            }
        }
    }
    return out;
}

std::array<double, 3> Outcomes(const Histogram2D& h, std::uint64_t sims) {
    std::array<std::uint64_t, 3> c{};
    for (std::size_t a = 0; a < h.dim(); ++a) {
        for (std::size_t b = 0; b < h.dim(); ++b) {
            c[a > b ? 0 : (a == b ? 1 : 2)] += h.count(a, b);
        }
    }
    return {Ratio(c[0], sims), Ratio(c[1], sims), Ratio(c[2], sims)};
}

void AddSoccer(nlohmann::json& j, const SimulationResult& r) {
    const SoccerTallies& s = r.soccer;
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

void AddBasketball(nlohmann::json& j, const SimulationResult& r) {
    const BasketballTallies& b = r.basketball;
    j["overtime_probability"] = 1.0 - Ratio(b.overtimes.count(0), b.overtimes.total());
    nlohmann::json periods = {{"home", nlohmann::json::array()}, {"away", nlohmann::json::array()}};
    for (std::size_t p = 0; p < kb::kReportedPeriods; ++p) {
        periods["home"].push_back(Ratio(b.period_points[0][p], r.sims));
        periods["away"].push_back(Ratio(b.period_points[1][p], r.sims));
    }
    j["period_mean_points"] = periods; // quarters 1-4, then all overtime, scored from the state on
    j["lead_changes"] = {{"mean", b.lead_changes.Mean()}, {"distribution", Pairs(b.lead_changes)}};
    nlohmann::json run = Describe(b.largest_run);
    run["home_probability"] = Ratio(b.largest_run_team[0], r.sims);
    run["away_probability"] = Ratio(b.largest_run_team[1], r.sims);
    j["largest_run"] = run;
    nlohmann::json races = nlohmann::json::array();
    for (int i = 0; i < kb::kRaceTargets; ++i) {
        const auto& c = b.race[static_cast<std::size_t>(i)];
        races.push_back({{"points", kb::RaceTarget(i)},
                         {"home", Ratio(c[0], r.sims)},
                         {"away", Ratio(c[1], r.sims)},
                         {"neither", Ratio(c[2], r.sims)}});
    }
    j["race_to"] = races; // who reaches N points first
    nlohmann::json players = nlohmann::json::array();
    const char* names[kb::kPlayerStats] = {"points", "rebounds", "assists", "threes"};
    for (const PlayerTallies& p : b.players) {
        nlohmann::json pj = {{"team", p.team == 0 ? "home" : "away"}, {"name", p.name}};
        for (std::size_t s = 0; s < kb::kPlayerStats; ++s) {
            pj[names[s]] = Describe(p.stat[s]);
        }
        players.push_back(pj);
    }
    j["players"] = players;
}

} // namespace

nlohmann::json ToJson(const SimulationResult& r) {
    const auto win = r.WinProbabilities();
    const auto mean = r.MeanScore();
    int offset = 0;
    const std::vector<double> margin = r.MarginDistribution(&offset);
    nlohmann::json j = {{"sport", SportName(r.sport)},
                        {"sims", r.sims},
                        {"seed", r.seed},
                        {"backend", std::string(kernels::BackendName(r.backend))},
                        {"invalid_paths", r.invalid_paths},
                        {"win_probability", {{"home", win[0]}, {"draw", win[1]}, {"away", win[2]}}},
                        {"mean_score", {{"home", mean[0]}, {"away", mean[1]}}},
                        {"standard_error", r.HomeWinStandardError()},
                        {"score_distribution", ScoreGrid(r.score, r.sims)},
                        {"margin_distribution", Pairs(margin, offset)},
                        {"total_distribution", Pairs(r.TotalDistribution(), 0)}};
    if (r.score.overflow() > 0) {
        j["score_overflow_paths"] = r.score.overflow();
    }
    if (r.sport == Sport::kSoccer) {
        AddSoccer(j, r);
    } else {
        AddBasketball(j, r);
    }
    return j;
}

std::string Summary(const SimulationResult& r, const std::string& home_name, const std::string& away_name) {
    std::ostringstream out;
    char line[256];
    const auto win = r.WinProbabilities();
    const auto mean = r.MeanScore();
    std::snprintf(line, sizeof line, "%s: %s vs %s, %llu simulations (seed %llu, backend %s)\n", SportName(r.sport),
                  home_name.c_str(), away_name.c_str(), static_cast<unsigned long long>(r.sims),
                  static_cast<unsigned long long>(r.seed), std::string(kernels::BackendName(r.backend)).c_str());
    out << line;
    if (r.sport == Sport::kSoccer) {
        std::snprintf(line, sizeof line, "  win probability  home %.4f  draw %.4f  away %.4f   (s.e. %.4f)\n", win[0],
                      win[1], win[2], r.HomeWinStandardError());
    } else {
        std::snprintf(line, sizeof line, "  win probability  home %.4f  away %.4f   (s.e. %.4f), overtime %.4f\n",
                      win[0], win[2], r.HomeWinStandardError(),
                      1.0 - Ratio(r.basketball.overtimes.count(0), r.basketball.overtimes.total()));
    }
    out << line;
    std::snprintf(line, sizeof line, "  mean score       %.2f - %.2f\n", mean[0], mean[1]);
    out << line;
    std::vector<std::pair<std::uint64_t, std::pair<std::size_t, std::size_t>>> scores;
    for (std::size_t h = 0; h < r.score.dim(); ++h) {
        for (std::size_t a = 0; a < r.score.dim(); ++a) {
            if (r.score.count(h, a) > 0) {
                scores.push_back({r.score.count(h, a), {h, a}});
            }
        }
    }
    std::sort(scores.begin(), scores.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    out << "  most likely scores:";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, scores.size()); ++i) {
        std::snprintf(line, sizeof line, "  %zu-%zu %.1f%%", scores[i].second.first, scores[i].second.second,
                      100.0 * Ratio(scores[i].first, r.sims));
        out << line;
    }
    out << "\n";
    if (r.sport == Sport::kSoccer) {
        const SoccerTallies& s = r.soccer;
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
        out << line;
    } else {
        const BasketballTallies& b = r.basketball;
        std::snprintf(line, sizeof line, "  largest run (mean) %.1f   lead changes (mean) %.2f\n", b.largest_run.Mean(),
                      b.lead_changes.Mean());
        out << line;
        out << "  player                         pts (p10-p90)     reb        ast        3pm\n";
        for (const PlayerTallies& p : b.players) {
            std::snprintf(line, sizeof line, "  %-4s %-24s %5.1f (%2zu-%2zu)  %5.1f      %5.1f      %5.1f\n",
                          p.team == 0 ? "home" : "away", p.name.c_str(), p.stat[0].Mean(), p.stat[0].Quantile(0.1),
                          p.stat[0].Quantile(0.9), p.stat[1].Mean(), p.stat[2].Mean(), p.stat[3].Mean());
            out << line;
        }
    }
    if (r.invalid_paths > 0) {
        out << "  warning: " << r.invalid_paths << " paths reached an impossible state and were not counted\n";
    }
    return out.str();
}

} // namespace simbook::engine
