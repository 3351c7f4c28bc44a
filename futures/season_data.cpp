#include "futures/season_data.hpp"

#include "models/dixon_coles.hpp"
#include "models/soccer_data.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

namespace simbook::futures {
namespace {

// Ranks a table in place by points, goal difference, goals scored, then name (a stable, documented order for
// the real tables; the simulation uses a lottery instead of names).
void SortTable(std::vector<TableRow>& table) {
    std::sort(table.begin(), table.end(), [](const TableRow& a, const TableRow& b) {
        if (a.points != b.points) {
            return a.points > b.points;
        }
        const int gd_a = a.goals_for - a.goals_against;
        const int gd_b = b.goals_for - b.goals_against;
        if (gd_a != gd_b) {
            return gd_a > gd_b;
        }
        if (a.goals_for != b.goals_for) {
            return a.goals_for > b.goals_for;
        }
        return a.team < b.team;
    });
}

void Record(TableRow& row, int scored, int conceded) {
    ++row.played;
    row.points += scored > conceded ? 3 : (scored == conceded ? 1 : 0);
    row.goals_for += scored;
    row.goals_against += conceded;
}

} // namespace

Result<int> ParseSeasonLabel(const std::string& text) {
    int start = 0;
    int end = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d%c", &start, &end, &tail) == 2 && text.size() == 7) {
        if (start >= 1900 && start < 2100 && end == (start + 1) % 100) {
            return start;
        }
    } else if (std::sscanf(text.c_str(), "%4d%c", &start, &tail) == 1 && text.size() == 4 && start >= 1900 &&
               start < 2100) {
        return start;
    }
    return InvalidArgument("season", "'" + text + "' is not a season like 2015-16");
}

namespace {

//! A data error as a client may see it: the server's data folder is its own business, so it is named "the data
//! folder" rather than by its path.
std::string WithoutDataPath(std::string message, const std::string& data_dir) {
    for (std::size_t at = data_dir.empty() ? std::string::npos : message.find(data_dir); at != std::string::npos;
         at = message.find(data_dir, at)) {
        message.replace(at, data_dir.size(), "<data folder>");
    }
    return message;
}

} // namespace

Result<DataSeason> LeagueSeasonFromData(const std::string& data_dir, const std::string& league,
                                        const std::string& season_label, const std::string& as_of) {
    if (const auto known = models::FindSoccerLeague(league); !known.ok()) {
        return InvalidArgument("league", known.status().message());
    }
    const Result<int> year = ParseSeasonLabel(season_label);
    if (!year.ok()) {
        return year.status();
    }
    const Result<std::chrono::sys_days> cut = models::ParseDate(as_of);
    if (!cut.ok()) {
        return InvalidArgument("as_of", cut.status().message());
    }
    const models::DixonColesOptions fit_options;
    const int back = static_cast<int>(fit_options.window_days / 365.0) + 1;
    const auto all = models::LoadSoccerResults(data_dir, league, year.value() - back, year.value());
    if (!all.ok()) {
        return InvalidArgument("season", WithoutDataPath(all.status().message(), data_dir));
    }
    std::vector<const models::SoccerMatch*> matches;
    for (const models::SoccerMatch& m : all.value()) {
        if (m.season == year.value()) {
            matches.push_back(&m);
        }
    }
    const std::string label = models::SeasonLabel(year.value());
    if (matches.empty()) {
        return InvalidArgument("season", "no " + label + " results for " + league + " in " + data_dir);
    }
    const std::chrono::sys_days first_day = matches.front()->date;
    const std::chrono::sys_days last_day = matches.back()->date;
    if (cut.value() > last_day) {
        return InvalidArgument("as_of", as_of + " is after the last " + label + " match (" +
                                            models::FormatDate(last_day) + "): nothing left to simulate");
    }
    if (cut.value() < first_day - std::chrono::days(180)) {
        return InvalidArgument("as_of", as_of + " is more than 180 days before " + label + " starts (" +
                                            models::FormatDate(first_day) + ")");
    }

    DataSeason out;
    out.as_of = models::FormatDate(cut.value());
    out.season_label = label;
    std::map<std::string, TableRow> now;
    std::map<std::string, TableRow> final_rows;
    for (const models::SoccerMatch* m : matches) {
        for (auto* rows : {&now, &final_rows}) {
            (*rows)[m->home].team = m->home;
            (*rows)[m->away].team = m->away;
        }
        Record(final_rows[m->home], m->home_goals, m->away_goals);
        Record(final_rows[m->away], m->away_goals, m->home_goals);
        if (m->date < cut.value()) {
            Record(now[m->home], m->home_goals, m->away_goals);
            Record(now[m->away], m->away_goals, m->home_goals);
        } else {
            out.season.fixtures.push_back({m->home, m->away, 0.0, 0.0});
        }
    }
    for (auto& [name, row] : now) {
        out.season.table.push_back(row);
    }
    SortTable(out.season.table);
    for (auto& [name, row] : final_rows) {
        out.final_table.push_back(row);
    }
    SortTable(out.final_table);
    for (const TableRow& row : out.season.table) {
        const auto it = std::find_if(out.final_table.begin(), out.final_table.end(),
                                     [&row](const TableRow& f) { return f.team == row.team; });
        out.actual_position.push_back(static_cast<int>(it - out.final_table.begin()) + 1);
    }
    out.season.league = league;

    // Ratings from the results before the cut only (walk-forward: nothing after as_of is seen).
    const std::chrono::sys_days until = cut.value() - std::chrono::days(1);
    auto data = models::MakeDixonColesData(all.value(), until, fit_options);
    if (!data.ok()) {
        return InvalidArgument("as_of", "no results to fit ratings on before " + as_of + ": " +
                                            WithoutDataPath(data.status().message(), data_dir));
    }
    std::set<std::string> known(data->teams.begin(), data->teams.end());
    for (const TableRow& row : out.season.table) {
        if (known.count(row.team) == 0) {
            out.new_teams.push_back(row.team);
        }
    }
    if (!out.new_teams.empty()) {
        data->prior_attack.assign(data->teams.size(), 0.0);
        data->prior_defence.assign(data->teams.size(), 0.0);
        for (const std::string& team : out.new_teams) {
            data->teams.push_back(team);
            data->prior_attack.push_back(kNewTeamPrior);
            data->prior_defence.push_back(kNewTeamPrior);
        }
    }
    const auto fit = models::FitDixonColes(data.value(), fit_options);
    if (!fit.ok()) {
        return Status(StatusCode::kInternal, "rating fit before " + as_of + " failed: " + fit.status().message());
    }
    for (Fixture& fx : out.season.fixtures) {
        const int home = fit->model.TeamIndex(fx.home).value();
        const int away = fit->model.TeamIndex(fx.away).value();
        const auto [lambda, mu] = fit->model.Rates(home, away);
        fx.home_xg = lambda;
        fx.away_xg = mu;
    }
    out.ratings = "Dixon-Coles fit to " + std::to_string(data->matches.size()) + " " + league + " matches from " +
                  models::FormatDate(data->first) + " to " + models::FormatDate(data->last) + " (half-life " +
                  std::to_string(static_cast<int>(fit_options.half_life_days)) + " days)";
    return out;
}

} // namespace simbook::futures
