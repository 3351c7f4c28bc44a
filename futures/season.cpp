#include "futures/season.hpp"

#include "kernels/core/run_deadline.hpp"
#include "kernels/season/season_params.hpp"
#include "models/fitted.hpp"
#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace simbook::futures {
namespace {

std::string Quoted(const std::string& name) {
    return "'" + name + "'";
}

std::string Field(const char* list, std::size_t index, const char* name) {
    return std::string(list) + "[" + std::to_string(index) + "]." + name;
}

// Seasons per kernel launch: bounds the host buffers (a 32-team league: 3 MB per batch).
constexpr std::uint64_t kBatchSeasons = 1u << 15;

} // namespace

Status ValidateLeagueSeason(const LeagueSeason& season) {
    const std::size_t n = season.table.size();
    if (n < 2 || n > static_cast<std::size_t>(kernels::season::kMaxTeams)) {
        return InvalidArgument("table", std::to_string(n) + " teams; a league needs 2 to " +
                                            std::to_string(kernels::season::kMaxTeams));
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) {
        const TableRow& row = season.table[i];
        if (row.team.empty()) {
            return InvalidArgument(Field("table", i, "team"), "empty team name");
        }
        if (const auto [it, inserted] = index.emplace(row.team, i); !inserted) {
            return InvalidArgument(Field("table", i, "team"), Quoted(row.team) + " is listed twice (also table[" +
                                                                  std::to_string(it->second) + "])");
        }
        const std::pair<const char*, int> counts[] = {
            {"played", row.played}, {"points", row.points}, {"gf", row.goals_for}, {"ga", row.goals_against}};
        for (const auto& [name, value] : counts) {
            if (value < 0) {
                return InvalidArgument(Field("table", i, name), std::to_string(value) + " is negative");
            }
        }
        if (row.points > 3 * row.played) {
            return InvalidArgument(Field("table", i, "points"),
                                   std::to_string(row.points) + " points from " + std::to_string(row.played) +
                                       " matches is more than 3 a match (" + row.team + ")");
        }
        // A win needs a goal scored and a loss a goal conceded: every other match is worth at most (at least) 1.
        const int wins_possible = std::min(row.played, row.goals_for);
        if (row.points > row.played + 2 * wins_possible) {
            return InvalidArgument(Field("table", i, "points"),
                                   std::to_string(row.points) + " points are impossible with " +
                                       std::to_string(row.goals_for) + " goals scored in " +
                                       std::to_string(row.played) + " matches (" + row.team + ")");
        }
        if (row.points < row.played - row.goals_against) {
            return InvalidArgument(Field("table", i, "points"),
                                   std::to_string(row.points) + " points are impossible with " +
                                       std::to_string(row.goals_against) + " goals conceded in " +
                                       std::to_string(row.played) + " matches (" + row.team + ")");
        }
        if (row.played == 0 && (row.goals_for > 0 || row.goals_against > 0)) {
            return InvalidArgument(Field("table", i, "gf"), "goals without a match played (" + row.team + ")");
        }
        if (row.played > 1000 || row.goals_for > 10000 || row.goals_against > 10000) {
            return InvalidArgument(Field("table", i, "played"), "implausibly large record (" + row.team + ")");
        }
    }
    std::vector<int> remaining(n, 0);
    for (std::size_t f = 0; f < season.fixtures.size(); ++f) {
        const Fixture& fx = season.fixtures[f];
        const auto home = index.find(fx.home);
        if (home == index.end()) {
            return InvalidArgument(Field("fixtures", f, "home"), "unknown team " + Quoted(fx.home) + " (not in table)");
        }
        const auto away = index.find(fx.away);
        if (away == index.end()) {
            return InvalidArgument(Field("fixtures", f, "away"), "unknown team " + Quoted(fx.away) + " (not in table)");
        }
        if (fx.home == fx.away) {
            return InvalidArgument(Field("fixtures", f, "away"), Quoted(fx.home) + " cannot play itself");
        }
        const bool given = fx.home_xg != 0.0 || fx.away_xg != 0.0;
        if (given && !(models::InRange(fx.home_xg, 1e-6, 15.0) && models::InRange(fx.away_xg, 1e-6, 15.0))) {
            return InvalidArgument(Field("fixtures", f, "home_xg"),
                                   "home_xg and away_xg must both be in (0, 15] (or both left out)");
        }
        ++remaining[home->second];
        ++remaining[away->second];
    }
    if (season.fixtures.size() > 100'000) {
        return InvalidArgument("fixtures", std::to_string(season.fixtures.size()) + " fixtures; at most 100000");
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (season.table[i].played + remaining[i] > 1000) {
            return InvalidArgument("fixtures", season.table[i].team + " would play more than 1000 matches");
        }
    }
    const int teams = static_cast<int>(n);
    const Positions& p = season.positions;
    if (p.title < 1 || p.title >= teams) {
        return InvalidArgument("positions.title",
                               std::to_string(p.title) + " is outside [1, " + std::to_string(teams - 1) + "]");
    }
    if (p.top < 1 || p.top >= teams) {
        return InvalidArgument("positions.top4",
                               std::to_string(p.top) + " is outside [1, " + std::to_string(teams - 1) + "]");
    }
    if (p.relegation < 0 || p.relegation >= teams) {
        return InvalidArgument("positions.relegation",
                               std::to_string(p.relegation) + " is outside [0, " + std::to_string(teams - 1) + "]");
    }
    if (Result<kernels::soccer::SoccerParams> params = models::MakeSoccerParams(season.match_model); !params.ok()) {
        return InvalidArgument("model", params.status().message());
    }
    return Status::Ok();
}

Status ResolveFixtureXg(LeagueSeason& season, const std::string& params_dir) {
    const bool all_given = std::all_of(season.fixtures.begin(), season.fixtures.end(),
                                       [](const Fixture& fx) { return fx.home_xg > 0.0 && fx.away_xg > 0.0; });
    if (all_given) {
        return Status::Ok();
    }
    if (season.league.empty()) {
        return InvalidArgument("league", "required when a fixture has no home_xg/away_xg");
    }
    const Result<models::DixonColesModel> model = models::LoadSoccerLeague(params_dir, season.league);
    if (!model.ok()) {
        const bool requests_error = model.status().code() == StatusCode::kNotFound;
        return {requests_error ? StatusCode::kInvalidArgument : model.status().code(),
                "league: " + model.status().message()};
    }
    for (std::size_t f = 0; f < season.fixtures.size(); ++f) {
        Fixture& fx = season.fixtures[f];
        if (fx.home_xg > 0.0 && fx.away_xg > 0.0) {
            continue;
        }
        const Result<std::pair<double, double>> xg = models::SoccerMatchXg(model.value(), fx.home, fx.away);
        if (!xg.ok()) {
            return InvalidArgument("fixtures[" + std::to_string(f) + "]",
                                   xg.status().message() + " (the " + season.league + " model has no such team)");
        }
        fx.home_xg = xg.value().first;
        fx.away_xg = xg.value().second;
    }
    return Status::Ok();
}

Result<SeasonForecast> SimulateSeasons(const LeagueSeason& season, const SeasonSimulationOptions& options) {
    if (Status valid = ValidateLeagueSeason(season); !valid.ok()) {
        return valid;
    }
    if (options.seasons < 1 || options.seasons > 100'000'000) {
        return InvalidArgument("seasons", std::to_string(options.seasons) + " is outside [1, 100000000]");
    }
    const std::size_t n = season.table.size();
    std::map<std::string, int> index;
    kernels::season::SeasonParams params{};
    Result<kernels::soccer::SoccerParams> match = models::MakeSoccerParams(season.match_model);
    if (!match.ok()) {
        return InvalidArgument("model", match.status().message());
    }
    params.match = match.value();
    params.n_teams = static_cast<std::int32_t>(n);
    params.n_fixtures = static_cast<std::int32_t>(season.fixtures.size());
    for (std::size_t i = 0; i < n; ++i) {
        index[season.table[i].team] = static_cast<int>(i);
        params.start[i] = {season.table[i].points, season.table[i].goals_for, season.table[i].goals_against};
    }
    std::vector<kernels::season::SeasonFixture> fixtures;
    fixtures.reserve(season.fixtures.size());
    std::vector<int> remaining(n, 0);
    for (std::size_t f = 0; f < season.fixtures.size(); ++f) {
        const Fixture& fx = season.fixtures[f];
        if (!(fx.home_xg > 0.0 && fx.away_xg > 0.0)) {
            return InvalidArgument(Field("fixtures", f, "home_xg"), "no expected goals (resolve them first)");
        }
        models::SoccerModel model = season.match_model;
        model.home_xg = fx.home_xg;
        model.away_xg = fx.away_xg;
        Result<kernels::soccer::SoccerParams> p = models::MakeSoccerParams(model);
        if (!p.ok()) {
            return InvalidArgument("fixtures[" + std::to_string(f) + "]", p.status().message());
        }
        const int home = index[fx.home];
        const int away = index[fx.away];
        fixtures.push_back({home, away, {p.value().goal_rate[0], p.value().goal_rate[1]}});
        ++remaining[static_cast<std::size_t>(home)];
        ++remaining[static_cast<std::size_t>(away)];
    }

    SeasonForecast forecast;
    if (Status resolved = kernels::ResolveBackend(options.launch.backend, &forecast.backend); !resolved.ok()) {
        return resolved;
    }
    // Exact integer counts (points too), so that shares of the seasons sum to the whole run (RunShares).
    std::vector<std::uint64_t> place_counts(n * n, 0);
    std::vector<std::uint64_t> points_sum(n, 0);
    std::vector<std::uint64_t> points_sum_sq(n, 0);
    std::uint64_t begin = 0;
    std::uint64_t share = options.seasons;
    if (options.shares) {
        options.shares.share(options.seasons, &begin, &share);
    }
    const std::uint64_t end = begin + share;
    const std::size_t batch = static_cast<std::size_t>(std::min<std::uint64_t>(kBatchSeasons, options.seasons));
    std::vector<std::uint8_t> positions(batch * n);
    std::vector<std::uint16_t> points(batch * n);
    const auto started = std::chrono::steady_clock::now();
    for (std::uint64_t first = begin; first < end; first += batch) {
        const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(batch, end - first));
        if (Status run = kernels::RunSeasons(params, fixtures.data(), options.seed, first, count, positions.data(),
                                             points.data(), nullptr, options.launch);
            !run.ok()) {
            return run;
        }
        if (first + count < end) {
            if (Status past = kernels::CheckRunDeadline(); !past.ok()) {
                return past;
            }
        }
        for (std::size_t s = 0; s < count; ++s) {
            const std::uint8_t* pos = positions.data() + s * n;
            if (pos[0] == 0) {
                ++forecast.invalid_seasons;
                continue;
            }
            const std::uint16_t* pts = points.data() + s * n;
            for (std::size_t i = 0; i < n; ++i) {
                ++place_counts[i * n + (pos[i] - 1u)];
                const std::uint64_t x = pts[i];
                points_sum[i] += x;
                points_sum_sq[i] += x * x;
            }
        }
    }
    if (options.shares) {
        std::vector<std::uint64_t> words = place_counts;
        words.insert(words.end(), points_sum.begin(), points_sum.end());
        words.insert(words.end(), points_sum_sq.begin(), points_sum_sq.end());
        words.push_back(forecast.invalid_seasons);
        if (Status summed = options.shares.sum(words); !summed.ok()) {
            return summed;
        }
        auto at = words.begin();
        for (std::vector<std::uint64_t>* counts : {&place_counts, &points_sum, &points_sum_sq}) {
            std::copy_n(at, counts->size(), counts->begin());
            at += static_cast<std::ptrdiff_t>(counts->size());
        }
        forecast.invalid_seasons = *at;
    }
    forecast.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    forecast.seasons = options.seasons - forecast.invalid_seasons;
    forecast.matches = options.seasons * season.fixtures.size();
    if (forecast.seasons == 0) {
        return Status(StatusCode::kInternal, "every simulated season hit an impossible match state");
    }
    const double total = static_cast<double>(forecast.seasons);
    const auto estimate = [total](std::uint64_t hits) {
        const double p = static_cast<double>(hits) / total;
        return odds::Estimate{p, std::sqrt(p * (1.0 - p) / total)};
    };
    const Positions& places = season.positions;
    for (std::size_t i = 0; i < n; ++i) {
        TeamForecast team;
        team.team = season.table[i].team;
        team.remaining = remaining[i];
        std::uint64_t title = 0;
        std::uint64_t top = 0;
        std::uint64_t relegated = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint64_t c = place_counts[i * n + k];
            team.position_probability.push_back(static_cast<double>(c) / total);
            title += k < static_cast<std::size_t>(places.title) ? c : 0;
            top += k < static_cast<std::size_t>(places.top) ? c : 0;
            relegated += k >= n - static_cast<std::size_t>(places.relegation) ? c : 0;
        }
        team.title = estimate(title);
        team.top = estimate(top);
        team.relegation = estimate(relegated);
        team.expected_points = static_cast<double>(points_sum[i]) / total;
        const double variance =
            std::max(0.0, static_cast<double>(points_sum_sq[i]) / total - team.expected_points * team.expected_points);
        team.points_sd = std::sqrt(variance);
        team.expected_points_se = std::sqrt(variance / total);
        forecast.teams.push_back(std::move(team));
    }
    return forecast;
}

} // namespace simbook::futures
