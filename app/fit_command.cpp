#include "app/fit_command.hpp"

#include "app/game_setup.hpp"
#include "models/basketball_fit.hpp"
#include "models/dixon_coles.hpp"
#include "models/evaluation.hpp"
#include "models/market_ratings.hpp"
#include "models/soccer_data.hpp"
#include "models/soccer_join.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

//! Today's UTC date as YYYY-MM-DD.
std::string Today() {
    return models::FormatDate(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

//! Writes text to path through a temporary file and a rename, so a failure leaves no partial file.
Status WriteFileAtomically(const std::string& path, const std::string& text) {
    std::error_code error;
    const std::filesystem::path target(path);
    if (target.has_parent_path()) {
        std::filesystem::create_directories(target.parent_path(), error);
    }
    std::string temporary = path;
    temporary.append(".tmp");
    {
        std::ofstream out(temporary);
        out << text;
        if (!out) {
            std::filesystem::remove(temporary, error);
            return InvalidArgument("--out", path + ": cannot write");
        }
    }
    std::filesystem::rename(temporary, target, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        return InvalidArgument("--out", path + ": cannot write");
    }
    return Status::Ok();
}

//! value rounded to 4 decimals (printed short in JSON).
double Round4(double value) {
    return std::round(value * 1e4) / 1e4;
}

//! The fit settings shared by every soccer fit.
models::DixonColesOptions DixonColesOptionsOf(const FitOptions& o) {
    models::DixonColesOptions options;
    options.half_life_days = o.half_life_days;
    options.window_days = o.window_days;
    options.prior_sd = o.prior_sd;
    return options;
}

//! The last match date a fit uses: --until, else the latest match of `all` (sorted by date, not empty).
Result<std::chrono::sys_days> UntilDate(const FitOptions& o, const std::vector<models::SoccerMatch>& all) {
    if (o.until.empty()) {
        return all.back().date;
    }
    const auto parsed = models::ParseDate(o.until);
    if (!parsed.ok()) {
        return InvalidArgument("--until", parsed.status().message());
    }
    return *parsed;
}

//! The fields every soccer model file starts with: model, sport, league, fitted_on (today), until.
nlohmann::json SoccerModelFileHeader(const char* model, const FitOptions& o, std::chrono::sys_days until) {
    return {{"model", model},
            {"sport", "soccer"},
            {"league", o.league},
            {"fitted_on", Today()},
            {"until", models::FormatDate(until)}};
}

//! Matches each of the n teams played in the fitted window.
std::vector<int> MatchesPerTeam(const models::DixonColesData& data, std::size_t n) {
    std::vector<int> played(n, 0);
    for (const models::DixonColesMatch& m : data.matches) {
        ++played[static_cast<std::size_t>(m.home)];
        ++played[static_cast<std::size_t>(m.away)];
    }
    return played;
}

//! A team's row of a model file: ratings, matches and (with a bootstrap) their standard errors.
nlohmann::json TeamJson(const models::DixonColesModel& model, const models::DixonColesModel* se, std::size_t i,
                        int matches) {
    nlohmann::json team = {
        {"name", model.teams[i]}, {"attack", model.attack[i]}, {"defence", model.defence[i]}, {"matches", matches}};
    if (se != nullptr) {
        team["attack_se"] = se->attack[i];
        team["defence_se"] = se->defence[i];
    }
    return team;
}

//! The fields every Dixon-Coles model file has: the fit's statistics and the model's global parameters.
void AddFitFields(nlohmann::json& out, const models::DixonColesFit& fit) {
    const models::RhoInterval bound = models::RhoBounds(fit.model);
    out["log_likelihood"] = fit.log_likelihood;
    out["objective"] = fit.objective;
    out["iterations"] = fit.iterations;
    out["intercept"] = fit.model.intercept;
    out["home_advantage"] = fit.model.home_advantage;
    out["rho"] = fit.model.rho;
    out["rho_bound"] = {bound.lo, bound.hi};
}

//! The data league to fit, once --out is known to be given: errors name the option.
Result<models::DataLeague> LeagueToFit(const FitOptions& o, const std::string& data_dir) {
    Result<models::DataLeague> league = models::FindDataSoccerLeague(data_dir, o.league);
    if (!league.ok()) {
        return Status(league.status().code(), "--league: " + league.status().message());
    }
    if (o.out.empty()) {
        return Status(StatusCode::kInvalidArgument, "--out: required: the model file to write");
    }
    return league;
}

} // namespace

int RunFitMarketRatings(const FitOptions& o) {
    const std::string data_dir = models::ResolveDataDir(o.data);
    const auto league = LeagueToFit(o, data_dir);
    if (!league.ok()) {
        return Fail(league.status().message());
    }
    const auto options =
        models::LoadMarketRatingsOptions(o.market_params.empty() ? DefaultMarketRatingsFile() : o.market_params);
    if (!options.ok()) {
        return Fail("--market-params: " + options.status().message());
    }
    const auto all = models::LoadSoccerResults(data_dir, o.league, 1900, 2100);
    const auto odds = models::LoadSoccerOdds(data_dir, o.league);
    if (!all.ok() || !odds.ok()) {
        return Fail((all.ok() ? odds.status() : all.status()).message());
    }
    const auto until_date = UntilDate(o, *all);
    if (!until_date.ok()) {
        return Fail(until_date.status().message());
    }
    const std::chrono::sys_days until = *until_date;
    const models::OddsJoin join = models::JoinOddsToResults(*odds, *all, models::SoccerTeamNameMap(o.league));
    for (const models::OddsJoinIssue& issue : join.issues) {
        std::fprintf(stderr, "simbook: note: %s odds: %s\n", o.league.c_str(), issue.message.c_str());
    }
    const auto rated = models::MarketRatedMatches(
        *all, models::OddsByMatch(join, *odds, all->size()),
        [](const models::SoccerOdds& row) -> std::optional<models::ThreeWay> { return row.probability; }, options->rho);
    const auto model = models::FitMarketRatings(rated, until + std::chrono::days{1}, *options);
    if (!model.ok()) {
        return Fail("--until " + models::FormatDate(until) + ": " + model.status().message() + "; nothing written");
    }
    nlohmann::json out = SoccerModelFileHeader("market-ratings", o, until);
    out["data"] = {{"results", "soccer/results/" + o.league},
                   {"odds", "soccer/odds/" + league->odds_file +
                                " (iredchuk/soccer-bookmaker-odds, MIT: see soccer/odds/LICENSE)"},
                   {"odds_rows_joined", join.joined},
                   {"odds_rows_not_joined", join.Unjoined()}};
    out["options"] = models::ToJson(*options);
    out["intercept"] = model->intercept;
    out["home_advantage"] = model->home_advantage;
    out["rho"] = model->rho;
    out["notes"] = {"lambda (home xG) = exp(intercept + home_advantage + attack_home - defence_away); mu (away xG) = "
                    "exp(intercept + attack_away - defence_home); Dixon-Coles scores with the fixed rho",
                    "ratings: weighted least squares on the log goal means implied by the de-vigged 1X2 odds of "
                    "matches before `until`, moved towards their goals and shots on target (models/market_ratings.hpp)",
                    "options.power recalibrates 1X2 in `simbook evaluate`; prices from this file are not recalibrated"};
    nlohmann::json teams = nlohmann::json::array();
    for (std::size_t i = 0; i < model->teams.size(); ++i) {
        teams.push_back({{"name", model->teams[i]}, {"attack", model->attack[i]}, {"defence", model->defence[i]}});
    }
    out["teams"] = teams;
    const Status written = WriteFileAtomically(o.out, out.dump(1) + "\n");
    if (!written.ok()) {
        return Fail(written.message());
    }
    std::printf("%s market ratings up to %s: %zu teams, %zu of %zu odds rows joined; wrote %s\n", o.league.c_str(),
                models::FormatDate(until).c_str(), model->teams.size(), join.joined, odds->size(), o.out.c_str());
    return 0;
}

int RunFitSoccer(const FitOptions& o) {
    if (o.league == "international") {
        return RunFitInternational(o);
    }
    if (o.model == "market-ratings") {
        return RunFitMarketRatings(o);
    }
    if (o.model != "dixon-coles") {
        return Fail("--model: '" + o.model + "': dixon-coles or market-ratings");
    }
    const std::string data_dir = models::ResolveDataDir(o.data);
    if (const auto league = LeagueToFit(o, data_dir); !league.ok()) {
        return Fail(league.status().message());
    }
    if (!(o.half_life_days >= 0.0) || !(o.window_days > 0.0) || !(o.prior_sd >= 0.0)) {
        return Fail("--half-life-days, --window-days, --prior-sd: must be >= 0 (window > 0)");
    }
    if (o.bootstrap != 0 && (o.bootstrap < 2 || o.bootstrap > 10000)) {
        return Fail("--bootstrap: " + std::to_string(o.bootstrap) + ": 0 (none) or 2 to 10000 replicates");
    }
    if (!(o.level > 0.0 && o.level < 1.0)) {
        return Fail("--level: must be in (0, 1)");
    }
    const auto all = models::LoadSoccerResults(data_dir, o.league, 1900, 2100);
    if (!all.ok()) {
        return Fail(all.status().message());
    }
    const auto until_date = UntilDate(o, *all);
    if (!until_date.ok()) {
        return Fail(until_date.status().message());
    }
    const std::chrono::sys_days until = *until_date;
    const models::DixonColesOptions options = DixonColesOptionsOf(o);
    auto data = models::MakeDixonColesData(*all, until, options);
    if (!data.ok()) {
        return Fail("--until " + models::FormatDate(until) + ": " + data.status().message() + " in " + data_dir +
                    "/soccer/results/" + o.league);
    }
    const auto started = std::chrono::steady_clock::now();
    const auto fit = models::FitDixonColes(*data, options);
    const double fit_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!fit.ok()) {
        return Fail(fit.status().message() + "; nothing written");
    }
    std::optional<models::DixonColesBootstrap> bootstrap;
    double bootstrap_seconds = 0.0;
    if (o.bootstrap > 0) {
        const auto boot_start = std::chrono::steady_clock::now();
        auto result = models::BootstrapDixonColes(*data, options, *fit, o.bootstrap, o.seed);
        bootstrap_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - boot_start).count();
        if (!result.ok()) {
            return Fail(result.status().message() + "; nothing written");
        }
        bootstrap = std::move(*result);
    }

    // Teams of the latest season in the window, and matches per team.
    const models::DixonColesModel& model = fit->model;
    const std::size_t n = model.teams.size();
    int latest_season = 0;
    for (const models::SoccerMatch& m : *all) {
        if (m.date <= until) {
            latest_season = std::max(latest_season, m.season);
        }
    }
    std::set<std::string> current;
    for (const models::SoccerMatch& m : *all) {
        if (m.season == latest_season && m.date <= until) {
            current.insert(m.home);
            current.insert(m.away);
        }
    }
    const std::vector<int> played = MatchesPerTeam(*data, n);
    const std::optional<models::DixonColesModel> se =
        bootstrap ? std::optional<models::DixonColesModel>(bootstrap->StandardErrors()) : std::nullopt;
    const models::RhoInterval bound = models::RhoBounds(model);

    nlohmann::json out = SoccerModelFileHeader("dixon-coles", o, until);
    out["data"] = {{"source", "soccer/results/" + o.league + " (football-data.co.uk via datasets/football-datasets)"},
                   {"first_match", models::FormatDate(data->first)},
                   {"last_match", models::FormatDate(data->last)},
                   {"matches", data->matches.size()},
                   {"total_weight", fit->total_weight},
                   {"latest_season", models::SeasonLabel(latest_season)}};
    out["options"] = {{"half_life_days", o.half_life_days}, {"window_days", o.window_days}, {"prior_sd", o.prior_sd}};
    AddFitFields(out, *fit);
    out["notes"] = {
        "lambda (home xG) = exp(intercept + home_advantage + attack_home - defence_away); mu (away xG) = "
        "exp(intercept + attack_away - defence_home); P(x, y) = tau(x, y) Poisson(x; lambda) Poisson(y; mu) "
        "(Dixon and Coles 1997)",
        "identifiability: attacks sum to 0 and defences sum to 0",
        "rho_bound: the open interval where every tau factor stays > 0 for every pair of distinct teams",
        "weights: a match age days before `until` weighs 2^(-age / half_life_days); log_likelihood is the weighted "
        "log-likelihood, objective subtracts the Gaussian penalty (prior_sd) on the ratings",
        "standard errors and intervals: parametric bootstrap (scores simulated from the fit at the same fixtures "
        "and weights, refitted; Boost.Random mt19937_64)"};
    nlohmann::json match_rows = nlohmann::json::array();
    nlohmann::json teams = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) {
        nlohmann::json team = TeamJson(model, se ? &*se : nullptr, i, played[i]);
        team["in_latest_season"] = current.count(model.teams[i]) > 0;
        teams.push_back(team);
    }
    out["teams"] = teams;
    if (bootstrap) {
        out["standard_errors"] = {
            {"intercept", se->intercept}, {"home_advantage", se->home_advantage}, {"rho", se->rho}};
        out["bootstrap"] = {{"replicates", o.bootstrap},
                            {"converged", bootstrap->models.size()},
                            {"failed", bootstrap->failed},
                            {"seed", o.seed},
                            {"level", o.level}};
        // Every fixture between two teams of the latest season: xG, 1X2 and its bootstrap interval.
        nlohmann::json fixtures = nlohmann::json::array();
        for (std::size_t h = 0; h < n; ++h) {
            for (std::size_t a = 0; a < n; ++a) {
                if (h == a || current.count(model.teams[h]) == 0 || current.count(model.teams[a]) == 0) {
                    continue;
                }
                const auto [lambda, mu] = model.Rates(static_cast<int>(h), static_cast<int>(a));
                const auto p = models::DixonColesMatchResult(lambda, mu, model.rho);
                const auto interval = bootstrap->MatchResultInterval(static_cast<int>(h), static_cast<int>(a), o.level);
                nlohmann::json row = {
                    {"home", model.teams[h]}, {"away", model.teams[a]}, {"xg", {Round4(lambda), Round4(mu)}}};
                row["probabilities"] = {Round4(p[0]), Round4(p[1]), Round4(p[2])};
                row["lower"] = {Round4(interval[0].first), Round4(interval[1].first), Round4(interval[2].first)};
                row["upper"] = {Round4(interval[0].second), Round4(interval[1].second), Round4(interval[2].second)};
                fixtures.push_back(row);
            }
        }
        match_rows = std::move(fixtures);
    }
    // One fixture per line keeps the file short and its diffs readable.
    std::string text = out.dump(1);
    if (!match_rows.empty()) {
        text.resize(text.size() - 2); // drop "\n}"
        text.append(",\n \"match_probabilities\": [");
        for (std::size_t i = 0; i < match_rows.size(); ++i) {
            text.append(i == 0 ? "\n  " : ",\n  ").append(match_rows[i].dump());
        }
        text.append("\n ]\n}");
    }
    const Status written = WriteFileAtomically(o.out, text + "\n");
    if (!written.ok()) {
        return Fail(written.message());
    }

    std::printf("%s Dixon-Coles fit up to %s: %zu matches %s..%s (total weight %.1f), %zu teams, %d Newton steps, "
                "%.1f ms\n",
                o.league.c_str(), models::FormatDate(until).c_str(), data->matches.size(),
                models::FormatDate(data->first).c_str(), models::FormatDate(data->last).c_str(), fit->total_weight, n,
                fit->iterations, 1e3 * fit_seconds);
    std::printf("home advantage %.4f (x%.3f goals), rho %.4f in (%.3f, %.3f), intercept %.4f, log-likelihood %.2f\n",
                model.home_advantage, std::exp(model.home_advantage), model.rho, bound.lo, bound.hi, model.intercept,
                fit->log_likelihood);
    if (bootstrap) {
        std::printf("bootstrap: %zu of %d replicates converged in %.2f s; s.e. home %.4f, rho %.4f\n",
                    bootstrap->models.size(), o.bootstrap, bootstrap_seconds, se->home_advantage, se->rho);
    }
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return model.attack[a] + model.defence[a] > model.attack[b] + model.defence[b];
    });
    std::printf("%-24s %8s %8s %8s %8s %8s\n", "team (latest season)", "attack", "(s.e.)", "defence", "(s.e.)",
                "matches");
    for (const std::size_t i : order) {
        if (current.count(model.teams[i]) == 0) {
            continue;
        }
        std::printf("%-24s %8.3f %8.3f %8.3f %8.3f %8d\n", model.teams[i].c_str(), model.attack[i],
                    se ? se->attack[i] : std::nan(""), model.defence[i], se ? se->defence[i] : std::nan(""), played[i]);
    }
    std::printf("wrote %s\n", o.out.c_str());
    return 0;
}

int RunFitInternational(const FitOptions& o) {
    if (o.out.empty()) {
        return Fail("--out: required: the model file to write");
    }
    if (!(o.half_life_days >= 0.0) || !(o.window_days > 0.0) || !(o.prior_sd >= 0.0)) {
        return Fail("--half-life-days, --window-days, --prior-sd: must be >= 0 (window > 0)");
    }
    if (!(o.friendly_weight > 0.0 && o.friendly_weight <= 1.0)) {
        return Fail("--friendly-weight: must be in (0, 1]");
    }
    if (o.bootstrap != 0 && (o.bootstrap < 2 || o.bootstrap > 10000)) {
        return Fail("--bootstrap: " + std::to_string(o.bootstrap) + ": 0 (none) or 2 to 10000 replicates");
    }
    const std::string data_dir = models::ResolveDataDir(o.data);
    const auto all = models::LoadInternationalResults(data_dir);
    if (!all.ok()) {
        return Fail(all.status().message());
    }
    if (all->empty()) {
        return Fail(data_dir + "/soccer/international/results.csv: no played match");
    }
    std::chrono::sys_days until = all->back().match.date;
    if (!o.until.empty()) {
        const auto parsed = models::ParseDate(o.until);
        if (!parsed.ok()) {
            return Fail("--until: " + parsed.status().message());
        }
        until = *parsed;
    }
    const models::DixonColesOptions options = DixonColesOptionsOf(o);
    // MakeDixonColesData keeps the order of the matches it uses, so the venue and tournament of data.matches[k]
    // are those of the k-th match in the window.
    std::vector<models::SoccerMatch> plain;
    std::vector<const models::InternationalMatch*> in_window;
    for (const models::InternationalMatch& m : *all) {
        const double age = double((until - m.match.date).count());
        if (age >= 0.0 && age < options.window_days) {
            plain.push_back(m.match);
            in_window.push_back(&m);
        }
    }
    auto data = models::MakeDixonColesData(plain, until, options);
    if (!data.ok()) {
        return Fail("--until " + models::FormatDate(until) + ": " + data.status().message() + " in " + data_dir +
                    "/soccer/international/results.csv");
    }
    std::size_t neutral = 0;
    std::size_t friendlies = 0;
    for (std::size_t k = 0; k < data->matches.size(); ++k) {
        data->matches[k].neutral = in_window[k]->neutral;
        if (in_window[k]->tournament == "Friendly") {
            data->matches[k].weight *= o.friendly_weight;
            ++friendlies;
        }
        neutral += in_window[k]->neutral ? 1 : 0;
    }
    const auto started = std::chrono::steady_clock::now();
    const auto fit = models::FitDixonColes(*data, options);
    const double fit_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!fit.ok()) {
        return Fail(fit.status().message() + "; nothing written");
    }
    std::optional<models::DixonColesModel> se;
    if (o.bootstrap > 0) {
        auto result = models::BootstrapDixonColes(*data, options, *fit, o.bootstrap, o.seed);
        if (!result.ok()) {
            return Fail(result.status().message() + "; nothing written");
        }
        se = result->StandardErrors();
    }
    const models::DixonColesModel& model = fit->model;
    const std::size_t n = model.teams.size();
    const std::vector<int> played = MatchesPerTeam(*data, n);
    const models::RhoInterval bound = models::RhoBounds(model);
    nlohmann::json out;
    out["model"] = "dixon-coles";
    out["sport"] = "soccer";
    out["league"] = "international";
    out["fitted_on"] = Today();
    out["until"] = models::FormatDate(until);
    out["data"] = {{"source", "soccer/international/results.csv (martj42/international_results, CC0)"},
                   {"first_match", models::FormatDate(data->first)},
                   {"last_match", models::FormatDate(data->last)},
                   {"matches", data->matches.size()},
                   {"neutral_venue_matches", neutral},
                   {"friendlies", friendlies},
                   {"total_weight", fit->total_weight}};
    out["options"] = {{"half_life_days", o.half_life_days},
                      {"window_days", o.window_days},
                      {"prior_sd", o.prior_sd},
                      {"friendly_weight", o.friendly_weight}};
    AddFitFields(out, *fit);
    out["notes"] = {
        "lambda (home xG) = exp(intercept + home_advantage + attack_home - defence_away); mu (away xG) = "
        "exp(intercept + attack_away - defence_home); P(x, y) = tau(x, y) Poisson(x; lambda) Poisson(y; mu) "
        "(Dixon and Coles 1997)",
        "home_advantage applies to matches at the home team's venue; neutral-venue matches were fitted without it",
        "scores are final scores, after extra time where one was played",
        "weights: 2^(-age / half_life_days), times friendly_weight for friendlies; teams with few matches are held "
        "near average by the Gaussian penalty (prior_sd)"};
    nlohmann::json teams = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) {
        teams.push_back(TeamJson(model, se ? &*se : nullptr, i, played[i]));
    }
    out["teams"] = teams;
    const Status written = WriteFileAtomically(o.out, out.dump(1) + "\n");
    if (!written.ok()) {
        return Fail(written.message());
    }
    std::printf("international Dixon-Coles fit up to %s: %zu matches %s..%s (%zu neutral, %zu friendlies at weight "
                "%.2f; total weight %.1f), %zu teams, %d Newton steps, %.1f ms\n",
                models::FormatDate(until).c_str(), data->matches.size(), models::FormatDate(data->first).c_str(),
                models::FormatDate(data->last).c_str(), neutral, friendlies, o.friendly_weight, fit->total_weight, n,
                fit->iterations, 1e3 * fit_seconds);
    std::printf("home advantage %.4f (x%.3f goals), rho %.4f in (%.3f, %.3f), intercept %.4f, log-likelihood %.2f\n",
                model.home_advantage, std::exp(model.home_advantage), model.rho, bound.lo, bound.hi, model.intercept,
                fit->log_likelihood);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return model.attack[a] + model.defence[a] > model.attack[b] + model.defence[b];
    });
    std::printf("%-24s %8s %8s %8s\n", "top 10 teams", "attack", "defence", "matches");
    for (std::size_t k = 0; k < std::min<std::size_t>(10, n); ++k) {
        const std::size_t i = order[k];
        std::printf("%-24s %8.3f %8.3f %8d\n", model.teams[i].c_str(), model.attack[i], model.defence[i], played[i]);
    }
    std::printf("wrote %s\n", o.out.c_str());
    return 0;
}

//! The NBA league from the 2023-24 game lines: <out>/2023-24.json plus an example matchup file.
int RunFitBasketball(const FitOptions& o) {
    if (!o.league.empty() && o.league != "nba") {
        return Fail("--league: '" + o.league + "': basketball has one league, nba");
    }
    if (!o.until.empty()) {
        return Fail("--until: basketball fits the one season in the data (2023-24 regular season)");
    }
    const std::string out = o.out.empty() ? DefaultParamsDir() + "/nba" : o.out;
    const auto start = std::chrono::steady_clock::now();
    if (Status s = models::WriteFittedTeams(models::ResolveDataDir(o.data), out); !s.ok()) {
        return Fail(s.message());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("fitted the nba 2023-24 teams in %.2f s: wrote %s/2023-24.json and %s/BOS-DAL.json\n", seconds,
                out.c_str(), out.c_str());
    return 0;
}

void RegisterFitCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<FitOptions>();
    CLI::App* command = app.add_subcommand("fit", "fit a model from the data folder and write a JSON model file");
    command
        ->add_option("--sport", options->sport,
                     "soccer (Dixon-Coles), basketball, baseball (Retrosheet) or football (NFL 2011-18)")
        ->capture_default_str();
    command->add_option("--league", options->league,
                        "soccer: premier-league, bundesliga, la-liga, serie-a, ligue-1, international");
    command
        ->add_option("--model", options->model,
                     "soccer: dixon-coles (from results) or market-ratings (from earlier odds, goals and shots)")
        ->capture_default_str();
    command->add_option("--market-params", options->market_params,
                        "market-ratings hyper-parameters (default: models/params/soccer/market-ratings.json)");
    command->add_option("--until", options->until,
                        "use matches up to this date, YYYY-MM-DD (default: the latest match in the data)");
    command->add_option("--out", options->out, "model file to write (JSON)");
    command->add_option("--data", options->data, "data folder (default: $SIMBOOK_DATA, else ../shared/data)");
    command->add_option("--half-life-days", options->half_life_days, "time-decay half-life of the weights, days")
        ->capture_default_str();
    command->add_option("--window-days", options->window_days, "leave out matches older than this, days")
        ->capture_default_str();
    command
        ->add_option("--prior-sd", options->prior_sd,
                     "sd of the Gaussian penalty on each rating (log scale; 0: pure maximum likelihood)")
        ->capture_default_str();
    command->add_option("--bootstrap", options->bootstrap, "parametric bootstrap replicates (0: none)")
        ->capture_default_str();
    command->add_option("--seed", options->seed, "bootstrap seed")->capture_default_str();
    command->add_option("--level", options->level, "coverage of the stored match-probability intervals")
        ->capture_default_str();
    command
        ->add_option("--friendly-weight", options->friendly_weight,
                     "international: weight of a friendly relative to a competitive match, in (0, 1]")
        ->capture_default_str();
    command->callback([options, exit_code] {
        if (options->sport == "soccer") {
            *exit_code = RunFitSoccer(*options);
        } else if (options->sport == "basketball") {
            *exit_code = RunFitBasketball(*options);
        } else if (options->sport == "baseball") {
            *exit_code = RunFitBaseball(*options);
        } else if (options->sport == "football") {
            *exit_code = RunFitFootball(*options);
        } else {
            *exit_code = Fail("--sport: '" + options->sport + "': soccer, basketball, baseball or football");
        }
    });
}

} // namespace simbook::app
