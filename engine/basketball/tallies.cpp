#include "engine/basketball/tallies.hpp"

#include "engine/basketball/game.hpp"
#include "engine/report.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>
#include <string>

namespace simbook::engine {

namespace kb = kernels::basketball;
using report_format::Describe;
using report_format::Pairs;
using report_format::Ratio;

std::vector<RosterPlayer> RosterPlayers(const BasketballGame& b) {
    std::vector<RosterPlayer> players;
    std::size_t i = 0;
    for (int team = 0; team < 2; ++team) {
        for (int p = 0; p < b.params.team[team].players; ++p) {
            RosterPlayer& player = players.emplace_back();
            player.team = team;
            if (i < b.player_names.size()) {
                player.name = b.player_names[i];
            } else {
                player.name = std::to_string(i + 1);
                player.name.insert(0, "player "); // not operator+: GCC 12 -Wrestrict false positive (PR 105329)
            }
            ++i;
        }
    }
    return players;
}

BasketballTallies EmptyTallies(const BasketballGame& b) {
    BasketballTallies tallies;
    for (RosterPlayer& r : RosterPlayers(b)) {
        PlayerTallies& player = tallies.players.emplace_back();
        player.team = r.team;
        player.name = std::move(r.name);
    }
    return tallies;
}

void BasketballTallies::Sink(const kb::BasketballOutcome& o) {
    overtimes.Add(o.overtimes);
    lead_changes.Add(o.lead_changes);
    largest_run.Add(o.largest_run);
    ++largest_run_team[o.largest_run_team];
    for (std::size_t i = 0; i < race.size(); ++i) {
        const bool home = (o.race_won[0] >> i) & 1u;
        const bool away = (o.race_won[1] >> i) & 1u;
        ++race[i][home ? 0 : (away ? 1 : 2)];
    }
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t p = 0; p < kb::kReportedPeriods; ++p) {
            period_points[t][p] += o.period_points[t][p];
        }
    }
    std::size_t index[2] = {0, 0};
    for (PlayerTallies& player : players) {
        const std::uint8_t(&line)[kb::kPlayerStats] = o.player[player.team][index[player.team]++];
        for (std::size_t s = 0; s < kb::kPlayerStats; ++s) {
            player.stat[s].Add(line[s]);
        }
    }
}

void BasketballTallies::Combine(const BasketballTallies& other) {
    SIMBOOK_REQUIRE(players.size() == other.players.size(), "BasketballTallies::Combine: rosters differ");
    overtimes.Combine(other.overtimes);
    lead_changes.Combine(other.lead_changes);
    largest_run.Combine(other.largest_run);
    for (std::size_t t = 0; t < 2; ++t) {
        largest_run_team[t] += other.largest_run_team[t];
    }
    for (std::size_t i = 0; i < race.size(); ++i) {
        for (std::size_t k = 0; k < 3; ++k) {
            race[i][k] += other.race[i][k];
        }
    }
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t p = 0; p < kb::kReportedPeriods; ++p) {
            period_points[t][p] += other.period_points[t][p];
        }
    }
    for (std::size_t i = 0; i < players.size(); ++i) {
        for (std::size_t s = 0; s < kb::kPlayerStats; ++s) {
            players[i].stat[s].Combine(other.players[i].stat[s]);
        }
    }
}

void AddReport(nlohmann::json& j, const BasketballTallies& b, const SimulationResult& r) {
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

std::string WinLine(const BasketballTallies& b, const SimulationResult& r) {
    const auto win = r.WinProbabilities();
    char line[256];
    std::snprintf(line, sizeof line, "  win probability  home %.4f  away %.4f   (s.e. %.4f), overtime %.4f\n", win[0],
                  win[2], r.HomeWinStandardError(), 1.0 - Ratio(b.overtimes.count(0), b.overtimes.total()));
    return line;
}

std::string ExtraLines(const BasketballTallies& b, const SimulationResult&) {
    std::ostringstream out;
    char line[256];
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
    return out.str();
}

} // namespace simbook::engine
