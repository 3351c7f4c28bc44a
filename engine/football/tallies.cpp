#include "engine/football/tallies.hpp"

#include "engine/report.hpp"
#include "engine/simulation_result.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace simbook::engine {

namespace kf = kernels::football;
using report_format::Pairs;
using report_format::Ratio;

FootballTallies EmptyTallies(const FootballGame& game) {
    FootballTallies t;
    t.at_state = CurrentScore(game);
    t.at_start = AtStart(game);
    return t;
}

void FootballTallies::Sink(const kf::FootballOutcome& o) {
    overtimes += o.overtime;
    ++next_score[o.first_score < 4 ? o.first_score : 0];
    ++next_scorer[o.first_scorer < 3 ? o.first_scorer : 0];
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t q = 0; q < 4; ++q) {
            quarter_points[t][q] += o.quarter[t][q];
        }
        touchdowns[t] += o.touchdowns[t];
        field_goals[t] += o.field_goals[t];
    }
    turnovers += o.turnovers;
    drives.Add(o.drives);
    for (int k = 0; k < kf::kRaceTargets; ++k) {
        const int winner = FootballRaceWinner(o, k);
        ++race[static_cast<std::size_t>(k)][winner == 0 ? 2 : static_cast<std::size_t>(winner - 1)];
    }
}

void FootballTallies::Combine(const FootballTallies& other) {
    overtimes += other.overtimes;
    for (std::size_t i = 0; i < next_score.size(); ++i) {
        next_score[i] += other.next_score[i];
    }
    for (std::size_t i = 0; i < next_scorer.size(); ++i) {
        next_scorer[i] += other.next_scorer[i];
    }
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t q = 0; q < 4; ++q) {
            quarter_points[t][q] += other.quarter_points[t][q];
        }
        touchdowns[t] += other.touchdowns[t];
        field_goals[t] += other.field_goals[t];
    }
    turnovers += other.turnovers;
    drives.Combine(other.drives);
    for (std::size_t n = 0; n < race.size(); ++n) {
        for (std::size_t k = 0; k < 3; ++k) {
            race[n][k] += other.race[n][k];
        }
    }
}

namespace {

// P(final margin in each band of width `band`): home 1-6, 7-12, ..., the last open; the same for away; a tie.
nlohmann::json MarginBands(const SimulationResult& r, int band) {
    constexpr int kBands = 4;
    std::array<std::uint64_t, kBands> home{}, away{};
    std::uint64_t tie = 0;
    for (std::size_t h = 0; h <= r.score.MaxHome(); ++h) {
        for (std::size_t a = 0; a <= r.score.MaxAway(); ++a) {
            const std::uint64_t c = r.score.count(h, a);
            const int m = static_cast<int>(h) - static_cast<int>(a);
            if (m == 0) {
                tie += c;
                continue;
            }
            const int b = std::min(kBands - 1, ((m > 0 ? m : -m) - 1) / band);
            (m > 0 ? home : away)[static_cast<std::size_t>(b)] += c;
        }
    }
    nlohmann::json out = nlohmann::json::array();
    for (int side = 0; side < 2; ++side) {
        for (int b = 0; b < kBands; ++b) {
            const std::string range = b + 1 < kBands
                                          ? std::to_string(b * band + 1) + "-" + std::to_string((b + 1) * band)
                                          : std::to_string(b * band + 1) + "+";
            out.push_back({{"band", std::string(side == 0 ? "home " : "away ") + range},
                           {"probability", Ratio((side == 0 ? home : away)[static_cast<std::size_t>(b)], r.sims)}});
        }
    }
    out.push_back({{"band", "tie"}, {"probability", Ratio(tie, r.sims)}});
    return out;
}

} // namespace

void AddReport(nlohmann::json& j, const FootballTallies& f, const SimulationResult& r) {
    j["overtime_probability"] = Ratio(f.overtimes, r.sims);
    j["next_score"] = {{"touchdown", Ratio(f.next_score[1], r.sims)},
                       {"field_goal", Ratio(f.next_score[2], r.sims)},
                       {"safety", Ratio(f.next_score[3], r.sims)},
                       {"none", Ratio(f.next_score[0], r.sims)}};
    j["next_team_to_score"] = {{"home", Ratio(f.next_scorer[1], r.sims)},
                               {"away", Ratio(f.next_scorer[2], r.sims)},
                               {"none", Ratio(f.next_scorer[0], r.sims)}};
    nlohmann::json quarters = {{"home", nlohmann::json::array()}, {"away", nlohmann::json::array()}};
    for (std::size_t q = 0; q < 4; ++q) {
        quarters["home"].push_back(Ratio(f.quarter_points[0][q], r.sims));
        quarters["away"].push_back(Ratio(f.quarter_points[1][q], r.sims));
    }
    j["quarter_mean_points"] = quarters; // quarters 1-4, scored from the state on
    j["mean_touchdowns"] = {Ratio(f.touchdowns[0], r.sims), Ratio(f.touchdowns[1], r.sims)};
    j["mean_field_goals"] = {Ratio(f.field_goals[0], r.sims), Ratio(f.field_goals[1], r.sims)};
    j["mean_turnovers"] = Ratio(f.turnovers, r.sims);
    j["drives"] = {{"mean", f.drives.Mean()}, {"distribution", Pairs(f.drives)}};
    nlohmann::json races = nlohmann::json::array();
    for (std::size_t k = 0; k < f.race.size(); ++k) {
        races.push_back({{"points", kf::kRaceFirst + static_cast<int>(k) * kf::kRaceStep},
                         {"home", Ratio(f.race[k][0], r.sims)},
                         {"away", Ratio(f.race[k][1], r.sims)},
                         {"neither", Ratio(f.race[k][2], r.sims)}});
    }
    j["race_to"] = races;
    j["winning_margin"] = MarginBands(r, FootballGame::kRules.margin_band);
}

std::string WinLine(const FootballTallies& f, const SimulationResult& r) {
    const auto win = r.WinProbabilities();
    char line[256];
    std::snprintf(line, sizeof line, "  win probability  home %.4f  away %.4f  tie %.4f   (s.e. %.4f), overtime %.4f\n",
                  win[0], win[2], win[1], r.HomeWinStandardError(), Ratio(f.overtimes, r.sims));
    return line;
}

std::string ExtraLines(const FootballTallies& f, const SimulationResult& r) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "  next score       touchdown %.4f  field goal %.4f  safety %.4f  none %.4f\n",
                  Ratio(f.next_score[1], r.sims), Ratio(f.next_score[2], r.sims), Ratio(f.next_score[3], r.sims),
                  Ratio(f.next_score[0], r.sims));
    out += line;
    std::snprintf(line, sizeof line, "  touchdowns       home %.2f  away %.2f   field goals  home %.2f  away %.2f\n",
                  Ratio(f.touchdowns[0], r.sims), Ratio(f.touchdowns[1], r.sims), Ratio(f.field_goals[0], r.sims),
                  Ratio(f.field_goals[1], r.sims));
    out += line;
    return out;
}

} // namespace simbook::engine
