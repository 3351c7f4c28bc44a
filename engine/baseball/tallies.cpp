#include "engine/baseball/tallies.hpp"

#include "engine/report.hpp"
#include "engine/simulation_result.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace simbook::engine {

namespace kbb = kernels::baseball;
using report_format::Outcomes;
using report_format::Pairs;
using report_format::Ratio;
using report_format::ScoreGrid;

int BaseballRaceWinner(const kbb::BaseballOutcome& o, const std::array<int, 2>& at_state, int target) {
    const bool home_had = at_state[0] >= target, away_had = at_state[1] >= target;
    if (home_had || away_had) {
        return home_had && away_had ? 0 : (home_had ? 1 : 2);
    }
    // Innings before the state's hold no runs (the outcome counts from the state on), so the scan may start at
    // the 1st.
    int home = at_state[0], away = at_state[1];
    for (int i = 0; i < kbb::kReportedInnings; ++i) {
        away += o.inning_runs[1][i];
        if (away >= target) {
            return 2;
        }
        home += o.inning_runs[0][i];
        if (home >= target) {
            return 1;
        }
    }
    return o.score[1] >= target ? 2 : (o.score[0] >= target ? 1 : 0);
}

BaseballTallies EmptyTallies(const BaseballGame& game) {
    BaseballTallies t;
    t.at_state = CurrentScore(game);
    t.at_start = AtStart(game);
    t.first_five_open = game.state.inning <= 5;
    return t;
}

void BaseballTallies::Sink(const kbb::BaseballOutcome& o) {
    innings.Add(o.innings);
    walkoffs += o.walkoff;
    ++first_score[o.first_score < 3 ? o.first_score : 0];
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t i = 0; i < kbb::kReportedInnings; ++i) {
            inning_runs[t][i] += o.inning_runs[t][i];
        }
    }
    scoreless_first += o.inning_runs[0][0] == 0 && o.inning_runs[1][0] == 0 ? 1 : 0;
    if (first_five_open) {
        first_five.Add(o.first_five[0], o.first_five[1]);
    }
    for (int n = 1; n <= kBaseballRaceLast; ++n) {
        const int winner = BaseballRaceWinner(o, at_state, n);
        ++race[static_cast<std::size_t>(n - 1)][winner == 0 ? 2 : static_cast<std::size_t>(winner - 1)];
    }
}

void BaseballTallies::Combine(const BaseballTallies& other) {
    innings.Combine(other.innings);
    walkoffs += other.walkoffs;
    for (std::size_t i = 0; i < first_score.size(); ++i) {
        first_score[i] += other.first_score[i];
    }
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t i = 0; i < kbb::kReportedInnings; ++i) {
            inning_runs[t][i] += other.inning_runs[t][i];
        }
    }
    scoreless_first += other.scoreless_first;
    first_five.Combine(other.first_five);
    for (std::size_t n = 0; n < race.size(); ++n) {
        for (std::size_t k = 0; k < 3; ++k) {
            race[n][k] += other.race[n][k];
        }
    }
}

namespace {

// P(the game went past the 9th).
double ExtraInnings(const BaseballTallies& b) {
    std::uint64_t past = 0;
    for (std::size_t i = 10; i < b.innings.size(); ++i) {
        past += b.innings.count(i);
    }
    return Ratio(past, b.innings.total());
}

} // namespace

void AddReport(nlohmann::json& j, const BaseballTallies& b, const SimulationResult& r) {
    j["extra_innings_probability"] = ExtraInnings(b);
    j["walkoff_probability"] = Ratio(b.walkoffs, r.sims);
    j["innings"] = {{"mean", b.innings.Mean()}, {"distribution", Pairs(b.innings)}};
    j["first_to_score"] = {{"home", Ratio(b.first_score[1], r.sims)},
                           {"away", Ratio(b.first_score[2], r.sims)},
                           {"none", Ratio(b.first_score[0], r.sims)}};
    nlohmann::json innings = {{"home", nlohmann::json::array()}, {"away", nlohmann::json::array()}};
    for (std::size_t i = 0; i < kbb::kReportedInnings; ++i) {
        innings["home"].push_back(Ratio(b.inning_runs[0][i], r.sims));
        innings["away"].push_back(Ratio(b.inning_runs[1][i], r.sims));
    }
    j["inning_mean_runs"] = innings; // innings 1-12, scored from the state on
    if (b.at_start) {
        j["first_inning"] = {{"nrfi", Ratio(b.scoreless_first, r.sims)},
                             {"yrfi", 1.0 - Ratio(b.scoreless_first, r.sims)}};
    }
    if (b.first_five_open) {
        const auto f5 = Outcomes(b.first_five, r.sims);
        j["first_five"] = {{"win_probability", {{"home", f5[0]}, {"tie", f5[1]}, {"away", f5[2]}}},
                           {"score_distribution", ScoreGrid(b.first_five, r.sims)}};
    }
    nlohmann::json races = nlohmann::json::array();
    for (std::size_t n = 0; n < b.race.size(); ++n) {
        races.push_back({{"runs", n + 1},
                         {"home", Ratio(b.race[n][0], r.sims)},
                         {"away", Ratio(b.race[n][1], r.sims)},
                         {"neither", Ratio(b.race[n][2], r.sims)}});
    }
    j["race_to"] = races; // who reaches N runs first
}

std::string WinLine(const BaseballTallies& b, const SimulationResult& r) {
    const auto win = r.WinProbabilities();
    char line[256];
    std::snprintf(line, sizeof line, "  win probability  home %.4f  away %.4f   (s.e. %.4f), extra innings %.4f\n",
                  win[0], win[2], r.HomeWinStandardError(), ExtraInnings(b));
    return line;
}

std::string ExtraLines(const BaseballTallies& b, const SimulationResult& r) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "  walk-off %.4f   first to score  home %.4f  away %.4f  none %.4f\n",
                  Ratio(b.walkoffs, r.sims), Ratio(b.first_score[1], r.sims), Ratio(b.first_score[2], r.sims),
                  Ratio(b.first_score[0], r.sims));
    out += line;
    if (b.first_five_open) {
        const auto f5 = Outcomes(b.first_five, r.sims);
        std::snprintf(line, sizeof line, "  first five       home %.4f  tie %.4f  away %.4f\n", f5[0], f5[1], f5[2]);
        out += line;
    }
    if (b.at_start) {
        std::snprintf(line, sizeof line, "  first inning     NRFI %.4f  YRFI %.4f\n", Ratio(b.scoreless_first, r.sims),
                      1.0 - Ratio(b.scoreless_first, r.sims));
        out += line;
    }
    return out;
}

} // namespace simbook::engine
