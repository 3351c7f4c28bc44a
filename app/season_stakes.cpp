#include "app/season_stakes.hpp"

#include "futures/season.hpp"

#include <array>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace simbook::app {
namespace {

//! P(title), P(top places but not the title), P(middle), P(relegation) of a team.
std::array<double, 4> Zones(const futures::TeamForecast& team) {
    const double title = team.title.probability;
    const double top = team.top.probability;
    const double relegation = team.relegation.probability;
    return {title, top - title, std::max(0.0, 1.0 - top - relegation), relegation};
}

double TotalVariation(const std::array<double, 4>& a, const std::array<double, 4>& b) {
    double sum = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        sum += std::abs(a[k] - b[k]);
    }
    return 0.5 * sum;
}

void Record(std::map<std::string, futures::TableRow>& table, const std::string& home, const std::string& away,
            int home_goals, int away_goals) {
    futures::TableRow& h = table[home];
    futures::TableRow& a = table[away];
    h.team = home;
    a.team = away;
    ++h.played;
    ++a.played;
    h.goals_for += home_goals;
    h.goals_against += away_goals;
    a.goals_for += away_goals;
    a.goals_against += home_goals;
    h.points += home_goals > away_goals ? 3 : (home_goals == away_goals ? 1 : 0);
    a.points += away_goals > home_goals ? 3 : (home_goals == away_goals ? 1 : 0);
}

} // namespace

models::MotivationFn MakeFuturesMotivation(std::uint64_t seasons, std::uint64_t seed) {
    return [seasons, seed](const models::SeasonSituation& s) {
        std::map<std::string, futures::TableRow> table;
        for (const models::SoccerMatch* m : s.remaining) {
            table[m->home].team = m->home;
            table[m->away].team = m->away;
        }
        for (const models::SoccerMatch* m : s.played) {
            Record(table, m->home, m->away, m->home_goals, m->away_goals);
        }
        futures::SeasonSimulationOptions options;
        options.seasons = seasons;
        options.seed = seed;
        options.launch = {kernels::Backend::kCpu, 1};
        std::vector<std::pair<double, double>> stakes(s.today, {0.0, 0.0});
        for (std::size_t k = 0; k < s.today; ++k) {
            const models::SoccerMatch& match = *s.remaining[k];
            std::array<std::map<std::string, std::array<double, 4>>, 2> zones; // after a home win, an away win
            for (int side = 0; side < 2; ++side) {
                auto after = table;
                Record(after, match.home, match.away, side == 0 ? 1 : 0, side == 0 ? 0 : 1);
                futures::LeagueSeason season;
                season.league = s.league;
                for (auto& [name, row] : after) {
                    season.table.push_back(row);
                }
                for (std::size_t j = 0; j < s.remaining.size(); ++j) {
                    if (j != k) {
                        season.fixtures.push_back({s.remaining[j]->home, s.remaining[j]->away, s.remaining_xg[j].first,
                                                   s.remaining_xg[j].second});
                    }
                }
                const auto forecast = futures::SimulateSeasons(season, options);
                if (!forecast.ok()) {
                    return std::vector<std::pair<double, double>>(s.today, {0.0, 0.0}); // no stakes: no shift
                }
                for (const futures::TeamForecast& team : forecast->teams) {
                    if (team.team == match.home || team.team == match.away) {
                        zones[static_cast<std::size_t>(side)][team.team] = Zones(team);
                    }
                }
            }
            stakes[k] = {TotalVariation(zones[0][match.home], zones[1][match.home]),
                         TotalVariation(zones[0][match.away], zones[1][match.away])};
        }
        return stakes;
    };
}

} // namespace simbook::app
