#include "engine/simulation_result.hpp"

#include "kernels/core/result.hpp"

#include <cmath>

namespace simbook::engine {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

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

void SimulationResult::Combine(const SimulationResult& other) {
    SIMBOOK_REQUIRE(sport == other.sport, "SimulationResult::Combine: sports differ");
    sims += other.sims;
    invalid_paths += other.invalid_paths;
    score.Combine(other.score);
    if (sport == Sport::kSoccer) {
        soccer.Combine(other.soccer);
    } else {
        basketball.Combine(other.basketball);
    }
}

std::array<double, 3> SimulationResult::WinProbabilities() const {
    std::array<std::uint64_t, 3> counts{};
    for (std::size_t h = 0; h < score.dim(); ++h) {
        for (std::size_t a = 0; a < score.dim(); ++a) {
            counts[h > a ? 0 : (h == a ? 1 : 2)] += score.count(h, a);
        }
    }
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    return {counts[0] / n, counts[1] / n, counts[2] / n};
}

double SimulationResult::HomeWinStandardError() const {
    if (sims == 0) {
        return 0.0;
    }
    const double p = WinProbabilities()[0];
    return std::sqrt(p * (1.0 - p) / static_cast<double>(sims));
}

std::array<double, 2> SimulationResult::MeanScore() const {
    std::array<std::uint64_t, 2> sum{};
    for (std::size_t h = 0; h < score.dim(); ++h) {
        for (std::size_t a = 0; a < score.dim(); ++a) {
            sum[0] += score.count(h, a) * h;
            sum[1] += score.count(h, a) * a;
        }
    }
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    return {sum[0] / n, sum[1] / n};
}

std::vector<double> SimulationResult::MarginDistribution(int* offset) const {
    const int dim = static_cast<int>(score.dim());
    *offset = -(dim - 1);
    std::vector<double> p(static_cast<std::size_t>(2 * dim - 1), 0.0);
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    for (int h = 0; h < dim; ++h) {
        for (int a = 0; a < dim; ++a) {
            p[static_cast<std::size_t>(h - a + dim - 1)] += score.count(h, a) / n;
        }
    }
    return p;
}

std::vector<double> SimulationResult::TotalDistribution() const {
    const std::size_t dim = score.dim();
    std::vector<double> p(dim == 0 ? 0 : 2 * dim - 1, 0.0);
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    for (std::size_t h = 0; h < dim; ++h) {
        for (std::size_t a = 0; a < dim; ++a) {
            p[h + a] += score.count(h, a) / n;
        }
    }
    return p;
}

} // namespace simbook::engine
