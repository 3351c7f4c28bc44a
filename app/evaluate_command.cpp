#include "app/evaluate_command.hpp"

#include "app/game_setup.hpp"
#include "models/dixon_coles.hpp"
#include "models/soccer_data.hpp"
#include "odds/margin.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/score_markets.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace simbook::app {
namespace {

constexpr int kGridGoals = 15; //!< score grid 0..15 per team for pricing (mass beyond: < 1e-6)
constexpr int kBuckets = 10;   //!< calibration buckets of width 0.1

struct EvaluateOptions {
    std::string league;
    std::string seasons = "2008-2016";
    std::string data;
    std::string csv;
    std::string devig = "multiplicative";
    double half_life_days = models::DixonColesOptions{}.half_life_days;
    double window_days = models::DixonColesOptions{}.window_days;
    double prior_sd = models::DixonColesOptions{}.prior_sd;
    bool json = false;
};

using Probabilities = std::array<double, 3>; //!< home, draw, away

//! Mean log loss, Brier score and ranked probability score of 1X2 forecasts, and the per-match log losses.
struct ThreeWayScores {
    double log_loss = 0.0;
    double brier = 0.0;
    double rps = 0.0;
    std::vector<double> log_losses;

    void Add(const Probabilities& p, int outcome) {
        const double ll = -std::log(std::max(p[static_cast<std::size_t>(outcome)], 1e-15));
        log_loss += ll;
        log_losses.push_back(ll);
        double cumulative_p = 0.0;
        double cumulative_o = 0.0;
        for (int k = 0; k < 3; ++k) {
            const double o = k == outcome ? 1.0 : 0.0;
            brier += std::pow(p[static_cast<std::size_t>(k)] - o, 2);
            if (k < 2) {
                cumulative_p += p[static_cast<std::size_t>(k)];
                cumulative_o += o;
                rps += 0.5 * std::pow(cumulative_p - cumulative_o, 2);
            }
        }
    }
    std::size_t Count() const { return log_losses.size(); }
    nlohmann::json Json() const {
        const double n = double(std::max<std::size_t>(Count(), 1));
        return {{"matches", Count()}, {"log_loss", log_loss / n}, {"brier", brier / n}, {"rps", rps / n}};
    }
};

//! Log loss and Brier score (p - o)^2 of a yes/no forecast.
struct BinaryScores {
    double log_loss = 0.0;
    double brier = 0.0;
    std::size_t count = 0;

    void Add(double p, bool yes) {
        log_loss -= std::log(std::max(yes ? p : 1.0 - p, 1e-15));
        brier += std::pow(p - (yes ? 1.0 : 0.0), 2);
        ++count;
    }
    nlohmann::json Json() const {
        const double n = double(std::max<std::size_t>(count, 1));
        return {{"matches", count}, {"log_loss", log_loss / n}, {"brier", brier / n}};
    }
};

//! Predicted against observed frequency by probability bucket, over all three outcomes of each match.
struct Calibration {
    std::array<double, kBuckets> count{};
    std::array<double, kBuckets> predicted{};
    std::array<double, kBuckets> observed{};

    void Add(const Probabilities& p, int outcome) {
        for (int k = 0; k < 3; ++k) {
            const double q = p[static_cast<std::size_t>(k)];
            const auto b = static_cast<std::size_t>(std::clamp(int(q * kBuckets), 0, kBuckets - 1));
            count[b] += 1.0;
            predicted[b] += q;
            observed[b] += k == outcome ? 1.0 : 0.0;
        }
    }
    nlohmann::json Json() const {
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t b = 0; b < kBuckets; ++b) {
            rows.push_back({{"bucket", {double(b) / kBuckets, double(b + 1) / kBuckets}},
                            {"count", count[b]},
                            {"mean_predicted", count[b] > 0 ? predicted[b] / count[b] : 0.0},
                            {"observed", count[b] > 0 ? observed[b] / count[b] : 0.0}});
        }
        return rows;
    }
};

//! Mean and standard error of a - b over paired values.
std::pair<double, double> PairedDifference(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = double(a.size());
    double sum = 0.0;
    double sum_sq = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sum += a[i] - b[i];
        sum_sq += (a[i] - b[i]) * (a[i] - b[i]);
    }
    const double mean = sum / n;
    return {mean, n > 1 ? std::sqrt(std::max(0.0, (sum_sq - n * mean * mean) / (n - 1.0)) / n) : 0.0};
}

int Outcome(int home_goals, int away_goals) {
    return home_goals > away_goals ? 0 : (home_goals == away_goals ? 1 : 2);
}

//! Parses "A-B" (seasons A-(A+1) to (B-1)-B) or "A" (the season A-(A+1)) into first and last start years.
Result<std::pair<int, int>> ParseSeasons(const std::string& text) {
    const auto dash = text.find('-');
    try {
        std::size_t used = 0;
        const int first = std::stoi(text.substr(0, dash), &used);
        if (used != std::min(dash, text.size())) {
            throw std::invalid_argument("trailing");
        }
        if (dash == std::string::npos) {
            return std::make_pair(first, first);
        }
        const int end = std::stoi(text.substr(dash + 1), &used);
        if (used != text.size() - dash - 1 || end <= first || first < 1900 || end > 2100) {
            throw std::invalid_argument("range");
        }
        return std::make_pair(first, end - 1);
    } catch (const std::exception&) {
        return InvalidArgument("--seasons", "'" + text +
                                                "': expected START-END years, e.g. 2008-2016 for the "
                                                "seasons 2008-09 to 2015-16");
    }
}

//! One scored match.
struct Row {
    const models::SoccerMatch* match = nullptr;
    double home_xg = 0.0;
    double away_xg = 0.0;
    double rho = 0.0;
    Probabilities model{};
    double model_over = 0.0;
    std::optional<Probabilities> market;
    std::array<double, 3> odds{};
    Probabilities base{};
    double base_over = 0.0;
    std::size_t train_matches = 0;
};

int RunEvaluate(const EvaluateOptions& o) {
    const auto league = models::FindSoccerLeague(o.league);
    if (!league.ok()) {
        return Fail("--league: " + league.status().message());
    }
    const auto seasons = ParseSeasons(o.seasons);
    if (!seasons.ok()) {
        return Fail(seasons.status().message());
    }
    const auto devig = odds::ParseMarginMethod(o.devig);
    if (!devig.ok()) {
        return Fail("--devig: " + devig.status().message());
    }
    if (!(o.half_life_days >= 0.0) || !(o.window_days > 0.0) || !(o.prior_sd >= 0.0)) {
        return Fail("--half-life-days, --window-days, --prior-sd: must be >= 0 (window > 0)");
    }
    const auto [first_season, last_season] = *seasons;
    const std::string data_dir = models::ResolveDataDir(o.data);
    const int lookback = static_cast<int>(std::ceil(o.window_days / 365.0)) + 1;
    const auto all = models::LoadSoccerResults(data_dir, o.league, first_season - lookback, last_season);
    if (!all.ok()) {
        return Fail(all.status().message());
    }
    const auto odds_rows = models::LoadSoccerOdds(data_dir, o.league);
    if (!odds_rows.ok()) {
        return Fail(odds_rows.status().message());
    }
    std::map<std::tuple<int, std::string, std::string>, const models::SoccerOdds*> market_by_match;
    for (const models::SoccerOdds& row : *odds_rows) {
        const auto home = models::ResultsTeamName(o.league, row.home);
        const auto away = models::ResultsTeamName(o.league, row.away);
        if (!home.ok() || !away.ok()) {
            return Fail((home.ok() ? away : home).status().message());
        }
        market_by_match[{row.season, *home, *away}] = &row;
    }
    std::map<int, std::set<std::string>> teams_by_season;
    for (const models::SoccerMatch& m : *all) {
        teams_by_season[m.season].insert(m.home);
        teams_by_season[m.season].insert(m.away);
    }

    models::DixonColesOptions options;
    options.half_life_days = o.half_life_days;
    options.window_days = o.window_days;
    options.prior_sd = o.prior_sd;
    const odds::Market h2h = odds::ParseMarket("h2h").value();
    const odds::Market totals = odds::ParseMarket("totals:2.5").value();

    std::vector<Row> rows;
    std::optional<models::DixonColesModel> model;
    int fits = 0;
    int failed_fits = 0;
    int clamped_rho = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int season = first_season; season <= last_season; ++season) {
        std::vector<const models::SoccerMatch*> season_matches;
        for (const models::SoccerMatch& m : *all) {
            if (m.season == season) {
                season_matches.push_back(&m);
            }
        }
        if (season_matches.empty()) {
            return Fail("--seasons: no " + models::SeasonLabel(season) + " results for " + o.league + " in " +
                        data_dir + "/soccer/results");
        }
        // Promoted teams (not in last season's league) start from the mean ratings of the relegated teams,
        // taken from a fit on everything before the season: their prior mean for the whole season.
        std::map<std::string, std::pair<double, double>> prior;
        const auto fit_before = [&](std::chrono::sys_days day) -> Result<models::DixonColesFit> {
            auto data = models::MakeDixonColesData(*all, day - std::chrono::days{1}, options);
            if (!data.ok()) {
                return data.status();
            }
            data->prior_attack.assign(data->teams.size(), 0.0);
            data->prior_defence.assign(data->teams.size(), 0.0);
            for (std::size_t i = 0; i < data->teams.size(); ++i) {
                if (const auto it = prior.find(data->teams[i]); it != prior.end()) {
                    data->prior_attack[i] = it->second.first;
                    data->prior_defence[i] = it->second.second;
                }
            }
            ++fits;
            return models::FitDixonColes(*data, options, model ? &*model : nullptr);
        };
        const auto& previous = teams_by_season[season - 1];
        const auto& current = teams_by_season[season];
        if (auto start = fit_before(season_matches.front()->date); start.ok() && !previous.empty()) {
            double attack = 0.0;
            double defence = 0.0;
            int relegated = 0;
            for (const std::string& team : previous) {
                const auto index = start->model.TeamIndex(team);
                if (current.count(team) == 0 && index.ok()) {
                    attack += start->model.attack[static_cast<std::size_t>(*index)];
                    defence += start->model.defence[static_cast<std::size_t>(*index)];
                    ++relegated;
                }
            }
            for (const std::string& team : current) {
                if (previous.count(team) == 0 && relegated > 0) {
                    prior[team] = {attack / relegated, defence / relegated};
                }
            }
            model = start->model;
        }
        for (std::size_t begin = 0; begin < season_matches.size();) {
            const std::chrono::sys_days day = season_matches[begin]->date;
            std::size_t end = begin;
            while (end < season_matches.size() && season_matches[end]->date == day) {
                ++end;
            }
            auto fit = fit_before(day);
            if (fit.ok()) {
                model = fit->model;
            } else {
                ++failed_fits;
                if (!model) {
                    return Fail("no model before " + models::FormatDate(day) + ": " + fit.status().message());
                }
            }
            // Base rate: result and over-2.5 frequencies of the training window (unweighted).
            Probabilities base{};
            double base_over = 0.0;
            std::size_t train = 0;
            for (const models::SoccerMatch& m : *all) {
                const double age = double((day - m.date).count());
                if (age >= 1.0 && age <= options.window_days) {
                    base[static_cast<std::size_t>(Outcome(m.home_goals, m.away_goals))] += 1.0;
                    base_over += m.home_goals + m.away_goals > 2 ? 1.0 : 0.0;
                    ++train;
                }
            }
            for (double& p : base) {
                p /= double(train);
            }
            base_over /= double(train);
            for (std::size_t i = begin; i < end; ++i) {
                const models::SoccerMatch& match = *season_matches[i];
                const auto rating = [&](const std::string& team) {
                    if (const auto index = model->TeamIndex(team); index.ok()) {
                        const auto k = static_cast<std::size_t>(*index);
                        return std::make_pair(model->attack[k], model->defence[k]);
                    }
                    const auto it = prior.find(team);
                    return it != prior.end() ? it->second : std::make_pair(0.0, 0.0);
                };
                const auto [home_attack, home_defence] = rating(match.home);
                const auto [away_attack, away_defence] = rating(match.away);
                Row row;
                row.match = &match;
                row.home_xg = std::exp(model->intercept + model->home_advantage + home_attack - away_defence);
                row.away_xg = std::exp(model->intercept + away_attack - home_defence);
                // The fit bounds rho for its own teams; a team priced from its prior could leave that bound.
                const double lo = std::max(-1.0 / row.home_xg, -1.0 / row.away_xg);
                const double hi = std::min(1.0, 1.0 / (row.home_xg * row.away_xg));
                row.rho = std::clamp(model->rho, 0.99 * lo, 0.99 * hi);
                clamped_rho += row.rho != model->rho ? 1 : 0;
                // The pricing path of the API: an exact score matrix through MarketEngine.
                const auto matrix = odds::ScoreMatrix::Create(
                    models::DixonColesScoreGrid(row.home_xg, row.away_xg, row.rho, kGridGoals));
                if (!matrix.ok()) {
                    return Fail("score matrix: " + matrix.status().message());
                }
                const odds::MarketEngine engine = odds::MarketEngine::FromScoreMatrix(*matrix);
                const auto result_book = engine.Price(h2h);
                const auto total_book = engine.Price(totals);
                if (!result_book.ok() || !total_book.ok()) {
                    return Fail("pricing: " + (result_book.ok() ? total_book : result_book).status().message());
                }
                for (std::size_t k = 0; k < 3; ++k) {
                    row.model[k] = result_book->outcomes[k].fair.probability;
                }
                row.model_over = total_book->outcomes[0].fair.probability;
                row.base = base;
                row.base_over = base_over;
                row.train_matches = train;
                if (const auto it = market_by_match.find({match.season, match.home, match.away});
                    it != market_by_match.end()) {
                    row.odds = it->second->decimal_odds;
                    if (*devig == odds::MarginMethod::kMultiplicative) {
                        row.market = it->second->probability;
                    } else {
                        const auto book = odds::RemoveMargin(it->second->decimal_odds, *devig);
                        if (book.ok()) {
                            row.market =
                                Probabilities{book->probabilities[0], book->probabilities[1], book->probabilities[2]};
                        }
                    }
                }
                rows.push_back(row);
            }
            begin = end;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    // Scores: every match for the model and the base rate; the matches with odds for the three-way comparison.
    ThreeWayScores model_all;
    ThreeWayScores base_all;
    ThreeWayScores model_common;
    ThreeWayScores market_common;
    ThreeWayScores base_common;
    BinaryScores model_over;
    BinaryScores base_over;
    Calibration model_calibration;
    Calibration market_calibration;
    std::map<int, std::array<ThreeWayScores, 3>> by_season; // model, market, base on matches with odds
    for (const Row& row : rows) {
        const int outcome = Outcome(row.match->home_goals, row.match->away_goals);
        model_all.Add(row.model, outcome);
        base_all.Add(row.base, outcome);
        model_over.Add(row.model_over, row.match->home_goals + row.match->away_goals > 2);
        base_over.Add(row.base_over, row.match->home_goals + row.match->away_goals > 2);
        model_calibration.Add(row.model, outcome);
        if (row.market) {
            model_common.Add(row.model, outcome);
            market_common.Add(*row.market, outcome);
            base_common.Add(row.base, outcome);
            market_calibration.Add(*row.market, outcome);
            auto& season = by_season[row.match->season];
            season[0].Add(row.model, outcome);
            season[1].Add(*row.market, outcome);
            season[2].Add(row.base, outcome);
        }
    }

    if (!o.csv.empty()) {
        std::ofstream csv(o.csv);
        if (!csv) {
            return Fail("--csv: " + o.csv + ": cannot write");
        }
        csv << "league,season,date,home,away,home_goals,away_goals,result,home_xg,away_xg,rho,model_home,model_draw,"
               "model_away,model_over25,market_home,market_draw,market_away,odds_home,odds_draw,odds_away,base_home,"
               "base_draw,base_away,base_over25,train_matches\n";
        const auto quoted = [](const std::string& text) {
            std::string out = "\"";
            out.append(text).append("\"");
            return out;
        };
        char buffer[512];
        for (const Row& row : rows) {
            const models::SoccerMatch& m = *row.match;
            csv << o.league << "," << models::SeasonLabel(m.season) << "," << models::FormatDate(m.date) << ","
                << quoted(m.home) << "," << quoted(m.away) << "," << m.home_goals << "," << m.away_goals << ","
                << "HDA"[Outcome(m.home_goals, m.away_goals)];
            std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f", row.home_xg, row.away_xg,
                          row.rho, row.model[0], row.model[1], row.model[2], row.model_over);
            csv << buffer;
            if (row.market) {
                std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.3f,%.3f,%.3f", (*row.market)[0],
                              (*row.market)[1], (*row.market)[2], row.odds[0], row.odds[1], row.odds[2]);
                csv << buffer;
            } else {
                csv << ",,,,,,";
            }
            std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.6f,%zu\n", row.base[0], row.base[1], row.base[2],
                          row.base_over, row.train_matches);
            csv << buffer;
        }
        if (!csv) {
            return Fail("--csv: " + o.csv + ": cannot write");
        }
    }

    const auto [diff, diff_se] = model_common.Count() > 0
                                     ? PairedDifference(model_common.log_losses, market_common.log_losses)
                                     : std::make_pair(0.0, 0.0);
    if (o.json) {
        nlohmann::json out;
        out["league"] = o.league;
        out["seasons"] = {models::SeasonLabel(first_season), models::SeasonLabel(last_season)};
        out["matches"] = rows.size();
        out["matches_with_market"] = model_common.Count();
        out["fits"] = fits;
        out["failed_fits"] = failed_fits;
        out["clamped_rho"] = clamped_rho;
        out["seconds"] = seconds;
        out["devig"] = odds::ToString(*devig);
        out["options"] = {
            {"half_life_days", o.half_life_days}, {"window_days", o.window_days}, {"prior_sd", o.prior_sd}};
        out["all_matches"] = {{"model", model_all.Json()}, {"base_rate", base_all.Json()}};
        out["with_market"] = {{"model", model_common.Json()},
                              {"market", market_common.Json()},
                              {"base_rate", base_common.Json()},
                              {"model_minus_market_log_loss", {{"mean", diff}, {"std_error", diff_se}}}};
        out["over_under_2_5"] = {{"model", model_over.Json()}, {"base_rate", base_over.Json()}};
        out["calibration"] = {{"model", model_calibration.Json()}, {"market", market_calibration.Json()}};
        nlohmann::json per_season = nlohmann::json::array();
        for (const auto& [season, scores] : by_season) {
            per_season.push_back({{"season", models::SeasonLabel(season)},
                                  {"model", scores[0].Json()},
                                  {"market", scores[1].Json()},
                                  {"base_rate", scores[2].Json()}});
        }
        out["by_season"] = per_season;
        std::cout << out.dump() << "\n";
        return 0;
    }
    const auto line = [](const char* name, const ThreeWayScores& s) {
        const double n = double(std::max<std::size_t>(s.Count(), 1));
        std::printf("  %-40s %9.4f %9.4f %9.4f\n", name, s.log_loss / n, s.brier / n, s.rps / n);
    };
    std::printf("%s walk-forward %s to %s: %zu matches, %d fits before each match day (%d did not converge), "
                "%.2f s\n",
                o.league.c_str(), models::SeasonLabel(first_season).c_str(), models::SeasonLabel(last_season).c_str(),
                rows.size(), fits, failed_fits, seconds);
    std::printf("Dixon-Coles: half-life %g days, window %g days, prior sd %g; market: average odds de-vigged (%s)\n\n",
                o.half_life_days, o.window_days, o.prior_sd, std::string(odds::ToString(*devig)).c_str());
    if (model_common.Count() > 0) {
        std::printf("1X2, %zu matches with market odds              log loss     Brier       RPS\n",
                    model_common.Count());
        line("model (Dixon-Coles, via MarketEngine)", model_common);
        line("market (bookmakers' average, de-vigged)", market_common);
        line("base rate (training-window H/D/A)", base_common);
        std::printf("  model - market log loss: %+.4f (s.e. %.4f): %s\n\n", diff, diff_se,
                    diff > 2 * diff_se    ? "the market is better"
                    : diff < -2 * diff_se ? "the model is better"
                                          : "no clear difference");
    }
    if (model_all.Count() != model_common.Count()) {
        std::printf("1X2, all %zu matches                         log loss     Brier       RPS\n", model_all.Count());
        line("model", model_all);
        line("base rate", base_all);
        std::printf("\n");
    }
    std::printf("over/under 2.5, %zu matches                   log loss     Brier\n", model_over.count);
    std::printf("  %-40s %9.4f %9.4f\n", "model", model_over.log_loss / double(model_over.count),
                model_over.brier / double(model_over.count));
    std::printf("  %-40s %9.4f %9.4f\n\n", "base rate", base_over.log_loss / double(base_over.count),
                base_over.brier / double(base_over.count));
    if (!by_season.empty()) {
        std::printf("1X2 log loss by season     matches     model    market      base\n");
        for (const auto& [season, scores] : by_season) {
            const double n = double(scores[0].Count());
            std::printf("  %-22s %9zu %9.4f %9.4f %9.4f\n", models::SeasonLabel(season).c_str(), scores[0].Count(),
                        scores[0].log_loss / n, scores[1].log_loss / n, scores[2].log_loss / n);
        }
        std::printf("\n");
    }
    std::printf("calibration (1X2, every outcome)  model: count  predicted  observed   market: count  predicted  "
                "observed\n");
    for (std::size_t b = 0; b < kBuckets; ++b) {
        const auto& mc = model_calibration;
        const auto& kc = market_calibration;
        std::printf("  %.1f-%.1f %30.0f %10.4f %9.4f %15.0f %10.4f %9.4f\n", double(b) / kBuckets,
                    double(b + 1) / kBuckets, mc.count[b], mc.count[b] > 0 ? mc.predicted[b] / mc.count[b] : 0.0,
                    mc.count[b] > 0 ? mc.observed[b] / mc.count[b] : 0.0, kc.count[b],
                    kc.count[b] > 0 ? kc.predicted[b] / kc.count[b] : 0.0,
                    kc.count[b] > 0 ? kc.observed[b] / kc.count[b] : 0.0);
    }
    if (!o.csv.empty()) {
        std::printf("\nwrote %s\n", o.csv.c_str());
    }
    return 0;
}

} // namespace

void RegisterEvaluateCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<EvaluateOptions>();
    CLI::App* command = app.add_subcommand(
        "evaluate", "walk-forward evaluation of the soccer model against results, the market and a base rate");
    command->add_option("--league", options->league, "premier-league, bundesliga, la-liga, serie-a or ligue-1")
        ->required();
    command
        ->add_option("--seasons", options->seasons,
                     "START-END years: 2008-2016 scores the seasons 2008-09 to 2015-16 (market odds cover 2005-06 to "
                     "2015-16)")
        ->capture_default_str();
    command->add_option("--data", options->data, "data folder (default: $SIMBOOK_DATA, else ../shared/data)");
    command->add_option("--csv", options->csv, "write one row per match (predictions and outcome) to this file");
    command
        ->add_option("--devig", options->devig,
                     "how to remove the bookmakers' margin: multiplicative (the odds files' own probabilities), "
                     "additive, power, shin or odds-ratio")
        ->capture_default_str();
    command->add_option("--half-life-days", options->half_life_days, "time-decay half-life of the fit, days")
        ->capture_default_str();
    command->add_option("--window-days", options->window_days, "training window before each match day, days")
        ->capture_default_str();
    command->add_option("--prior-sd", options->prior_sd, "sd of the Gaussian penalty on each rating")
        ->capture_default_str();
    command->add_flag("--json", options->json, "print one JSON object with every figure");
    command->callback([options, exit_code] { *exit_code = RunEvaluate(*options); });
}

} // namespace simbook::app
