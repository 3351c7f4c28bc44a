//! `simbook futures --sport football`: the rest of an NFL regular season from the data file, simulated season by
//! season from the exact game probabilities of the ratings at the as-of date.
#include "app/football_futures.hpp"

#include "app/game_setup.hpp"
#include "app/processes.hpp"
#include "engine/football/exact.hpp"
#include "kernels/core/rng.cuh"
#include "models/football_data.hpp"
#include "models/football_fit.hpp"
#include "models/football_model.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace simbook::app {

namespace {

//! A remaining game and its exact result probabilities (ties possible in the regular season).
struct Remaining {
    int home = 0;
    int away = 0;
    double p_home = 0.0;
    double p_tie = 0.0;
};

//! Half-wins (a tie is half a win) at or above which a season counts as "10 wins or more".
constexpr int kTenWins = 20;

} // namespace

int RunFootballFutures(const FootballFuturesOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    Processes& processes = Processes::Get();
    if (o.season < 2011 || o.season > 2018) {
        return Fail("--season: football seasons of the data are 2011 to 2018 (the season's start year)");
    }
    Result<std::chrono::sys_days> as_of = models::ParseDate(o.as_of);
    if (!as_of.ok()) {
        return Fail("--as-of: " + as_of.status().message());
    }
    Result<std::vector<models::FootballGame>> games = models::LoadFootballGames(models::ResolveDataDir(o.data));
    if (!games.ok()) {
        return Fail("--data: " + games.status().message());
    }
    std::vector<std::string> teams = models::FootballFranchises();
    std::sort(teams.begin(), teams.end());
    const auto index = [&teams](const std::string& team) {
        return static_cast<int>(std::lower_bound(teams.begin(), teams.end(), team) - teams.begin());
    };
    // The table before the as-of date, the regular-season games from it on, and the week they start in.
    std::vector<int> wins(teams.size(), 0), losses(teams.size(), 0), ties(teams.size(), 0), left(teams.size(), 0);
    std::vector<const models::FootballGame*> remaining_games;
    int week = 0;
    for (const models::FootballGame& g : games.value()) {
        if (g.season != o.season || g.playoff) {
            continue;
        }
        const int h = index(g.home), a = index(g.away);
        if (g.date < as_of.value()) {
            wins[h] += g.home_points > g.away_points;
            wins[a] += g.away_points > g.home_points;
            losses[h] += g.home_points < g.away_points;
            losses[a] += g.away_points < g.home_points;
            ties[h] += g.home_points == g.away_points;
            ties[a] += g.home_points == g.away_points;
        } else {
            week = week == 0 ? g.week : week;
            remaining_games.push_back(&g);
            ++left[h];
            ++left[a];
        }
    }
    if (remaining_games.empty()) {
        return Fail("--as-of: no regular-season game of " + std::to_string(o.season) + " on or after " + o.as_of);
    }
    Result<models::FootballRatings> ratings =
        models::FitFootballRatings(games.value(), o.season, week, models::FootballFitOptions{});
    if (!ratings.ok()) {
        return Fail(ratings.status().message());
    }
    // Each game's result probabilities from the exact drive model (no clock), under the season's rules.
    const models::FootballRules rules = models::FootballRulesFor(o.season, false);
    std::vector<Remaining> remaining;
    for (const models::FootballGame* g : remaining_games) {
        const auto points = ratings->ExpectedPoints(g->home, g->away);
        const auto params =
            models::MakeFootballParams(models::FootballLeague{}, points.first, points.second, rules, false);
        Result<engine::FootballScorePmf> pmf = engine::ExactFootball(params, kernels::football::FootballState{});
        if (!pmf.ok()) {
            return Fail(pmf.status().message());
        }
        remaining.push_back({index(g->home), index(g->away), pmf->HomeWin(), pmf->Tie()});
    }
    // Seasons: season s draws game g's result from path s * (games + 1) + g (the last word of the block breaks ties
    // for the best record), so every split of the seasons over processes gives the same counts.
    const std::size_t n = teams.size(), k = remaining.size();
    // Counts, all exact integers: per team the half-win sum and its square's sum, 10+ wins, best record.
    std::vector<std::uint64_t> counts(4 * n, 0);
    std::uint64_t first = 0, count = 0;
    processes.Share(o.seasons, &first, &count);
    std::vector<int> half(n);
    for (std::uint64_t s = first; s < first + count; ++s) {
        for (std::size_t t = 0; t < n; ++t) {
            half[t] = 2 * wins[t] + ties[t];
        }
        for (std::size_t g = 0; g < k; ++g) {
            kernels::PathRng rng(o.seed, s * (k + 1) + g);
            const double u = rng.NextOpenUniform();
            const Remaining& r = remaining[g];
            if (u < r.p_home) {
                half[static_cast<std::size_t>(r.home)] += 2;
            } else if (u < r.p_home + r.p_tie) {
                ++half[static_cast<std::size_t>(r.home)];
                ++half[static_cast<std::size_t>(r.away)];
            } else {
                half[static_cast<std::size_t>(r.away)] += 2;
            }
        }
        kernels::PathRng lottery(o.seed, s * (k + 1) + k);
        const int best = *std::max_element(half.begin(), half.end());
        std::vector<std::size_t> leaders;
        for (std::size_t t = 0; t < n; ++t) {
            const auto h = static_cast<std::uint64_t>(half[t]);
            counts[4 * t] += h;
            counts[4 * t + 1] += h * h;
            counts[4 * t + 2] += half[t] >= kTenWins ? 1 : 0;
            if (half[t] == best) {
                leaders.push_back(t);
            }
        }
        ++counts[4 * leaders[lottery.NextU32() % leaders.size()] + 3];
    }
    if (Status summed = processes.SumOverRanks(counts); !summed.ok()) {
        return Fail(summed.message());
    }
    if (processes.rank() != 0) {
        return 0;
    }
    const double seasons = static_cast<double>(o.seasons);
    nlohmann::json out = {{"sport", "football"},
                          {"league", "nfl"},
                          {"season", o.season},
                          {"as_of", o.as_of},
                          {"seasons", o.seasons},
                          {"seed", o.seed},
                          {"games_simulated", k},
                          {"ratings", "FitFootballRatings before week " + std::to_string(week)},
                          {"tie_break", "best record: a lottery among the teams level on wins"}};
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t t = 0; t < n; ++t) {
        const double mean = static_cast<double>(counts[4 * t]) / seasons / 2.0;
        const double square = static_cast<double>(counts[4 * t + 1]) / seasons / 4.0;
        const double sd = std::sqrt(std::max(0.0, square - mean * mean));
        const double ten = static_cast<double>(counts[4 * t + 2]) / seasons;
        const double best = static_cast<double>(counts[4 * t + 3]) / seasons;
        rows.push_back(
            {{"team", teams[t]},
             {"wins", wins[t]},
             {"losses", losses[t]},
             {"ties", ties[t]},
             {"remaining", left[t]},
             {"expected_wins", mean},
             {"expected_wins_se", sd / std::sqrt(seasons)},
             {"wins_sd", sd},
             {"ten_wins", {{"probability", ten}, {"std_error", std::sqrt(ten * (1 - ten) / seasons)}}},
             {"best_record", {{"probability", best}, {"std_error", std::sqrt(best * (1 - best) / seasons)}}}});
    }
    std::sort(rows.begin(), rows.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
        return a["expected_wins"].get<double>() > b["expected_wins"].get<double>();
    });
    out["teams"] = rows;
    out["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o.json) {
        std::printf("%s\n", out.dump().c_str());
        return 0;
    }
    std::printf("nfl %d regular season as of %s: %llu simulated seasons (seed %llu), %zu games left; %s\n", o.season,
                o.as_of.c_str(), static_cast<unsigned long long>(o.seasons), static_cast<unsigned long long>(o.seed), k,
                out["ratings"].get<std::string>().c_str());
    std::printf("%-10s %7s %5s %8s %7s %9s\n", "team", "W-L-T", "left", "xWins", "10+ %", "best %");
    for (const nlohmann::json& r : rows) {
        const std::string record = std::to_string(r["wins"].get<int>()) + "-" + std::to_string(r["losses"].get<int>()) +
                                   "-" + std::to_string(r["ties"].get<int>());
        std::printf("%-10s %7s %5d %8.2f %7.2f %9.2f\n", r["team"].get<std::string>().c_str(), record.c_str(),
                    r["remaining"].get<int>(), r["expected_wins"].get<double>(),
                    100.0 * r["ten_wins"]["probability"].get<double>(),
                    100.0 * r["best_record"]["probability"].get<double>());
    }
    return 0;
}

} // namespace simbook::app
