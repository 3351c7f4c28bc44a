#include "app/baseball_evaluate.hpp"

#include "engine/baseball/exact.hpp"
#include "models/baseball_evaluation.hpp"
#include "models/soccer_data.hpp"
#include "odds/formats.hpp"
#include "odds/margin.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace simbook::app {
namespace {

constexpr int kFirstLogSeason = 2014; //!< the first season of ../shared/data/baseball/retrosheet
constexpr std::size_t kGrid = 48;     //!< runs 0..47 per team; the mass beyond is left out, the rest renormalised

int ReportError(const std::string& message) {
    std::cerr << "simbook: error: " << message << "\n";
    return 2;
}

//! BaseballFitOptions with the numeric fields of a JSON object applied.
Result<models::BaseballFitOptions> FitOptionsOf(const std::string& text) {
    models::BaseballFitOptions o;
    if (text.empty()) {
        return o;
    }
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) {
        return InvalidArgument("--fit-options", "not a JSON object");
    }
    const std::pair<const char*, double*> fields[] = {{"prior_pa", &o.prior_pa},
                                                      {"starter_prior_pa", &o.starter_prior_pa},
                                                      {"park_prior_games", &o.park_prior_games},
                                                      {"half_life_days", &o.half_life_days},
                                                      {"starter_innings", &o.starter_innings},
                                                      {"league_half_life_days", &o.league_half_life_days},
                                                      {"min_games", &o.min_games}};
    for (const auto& item : json.items()) {
        // Not a structured binding: clang 14 (the sanitizer builds) cannot capture one in a lambda.
        const std::string& key = item.key();
        const auto& value = item.value();
        const auto field =
            std::find_if(std::begin(fields), std::end(fields), [&key](const auto& f) { return key == f.first; });
        if (field == std::end(fields) || !value.is_number()) {
            return InvalidArgument("--fit-options", "'" + key + "' is not a numeric field of the baseball fit");
        }
        *field->second = value.get<double>();
    }
    return o;
}

//! YYYY-MM-DD, or the fallback when empty.
Result<std::chrono::sys_days> DateOf(const std::string& text, std::chrono::sys_days fallback, const char* flag) {
    if (text.empty()) {
        return fallback;
    }
    int y = 0, m = 0, d = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%d%c", &y, &m, &d, &extra) != 3) {
        return InvalidArgument(flag, "'" + text + "': expected YYYY-MM-DD");
    }
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                           std::chrono::day{unsigned(d)}};
    if (!date.ok()) {
        return InvalidArgument(flag, "'" + text + "' is not a date");
    }
    return std::chrono::sys_days{date};
}

void PrintScores(const char* name, const models::BinaryScores& s) {
    const double n = double(std::max<std::size_t>(s.count, 1));
    std::printf("  %-52s %9.4f %9.4f\n", name, s.log_loss / n, s.brier / n);
}

void PrintDifference(double diff, double se) {
    std::printf("  model - market log loss: %+.4f (s.e. %.4f): %s\n\n", diff, se,
                diff > 2 * se    ? "the market is better"
                : diff < -2 * se ? "the model is better"
                                 : "no clear difference");
}

void PrintCalibration(const char* title, const models::Calibration& model, const models::Calibration& market) {
    std::printf("calibration (%s, both outcomes)  model: count  predicted  observed   market: count  predicted  "
                "observed\n",
                title);
    for (std::size_t b = 0; b < models::kCalibrationBuckets; ++b) {
        const double lo = double(b) / models::kCalibrationBuckets;
        std::printf("  %.1f-%.1f %30.0f %10.4f %9.4f %15.0f %10.4f %9.4f\n", lo, lo + 0.1, model.count[b],
                    model.MeanPredicted(b), model.Observed(b), market.count[b], market.MeanPredicted(b),
                    market.Observed(b));
    }
}

void PrintReport(const models::BaseballWalkForward& w, const BaseballEvaluateOptions& o, const std::string& devig) {
    const models::BaseballScores s = models::ScoreBaseballWalkForward(w.games);
    std::printf("MLB %d walk-forward: %zu games scored (%zu with a Pinnacle closing moneyline), %d fits (refit every "
                "%d day%s on earlier games only, from %d on), %.1f s; %d lines without a regular-season game of %d "
                "left out\n",
                o.season, w.games.size(), s.model_moneyline.count, w.fits, o.refit_days, o.refit_days == 1 ? "" : "s",
                std::max(kFirstLogSeason, o.season - 2), w.seconds, w.unmatched_lines, o.season);
    std::printf("market: Pinnacle's closing lines de-vigged (%s); model: exact game distribution of the fitted "
                "matchup (starters, park)\n\n",
                devig.c_str());
    const auto mean = [](const models::BinaryScores& x) {
        return x.log_loss / double(std::max<std::size_t>(x.count, 1));
    };
    std::printf("model moneyline log loss %.4f (%zu games)\n", mean(s.model_moneyline), s.model_moneyline.count);
    std::printf("market moneyline log loss %.4f\n", mean(s.market_moneyline));
    std::printf("base rate moneyline log loss %.4f\n", mean(s.base_moneyline));
    std::printf("model over/under log loss %.4f (%zu games at the closing total, %zu pushes left out)\n",
                mean(s.model_total), s.model_total.count, s.pushes);
    std::printf("market over/under log loss %.4f\n\n", mean(s.market_total));
    std::printf("moneyline, %zu games                                         log loss     Brier\n",
                s.model_moneyline.count);
    PrintScores("model (exact chain, walk-forward fit)", s.model_moneyline);
    PrintScores("market (Pinnacle close, de-vigged)", s.market_moneyline);
    PrintScores("base rate (home teams' win share before the date)", s.base_moneyline);
    PrintDifference(s.model_minus_market, s.model_minus_market_se);
    std::printf("over/under at the closing total, %zu games (%zu pushes left out)  log loss     Brier\n",
                s.model_total.count, s.pushes);
    PrintScores("model (P(over | no push) at the line)", s.model_total);
    PrintScores("market (Pinnacle close, de-vigged)", s.market_total);
    PrintDifference(s.model_minus_market_total, s.model_minus_market_total_se);
    double model_total = 0.0, line_total = 0.0, actual = 0.0, model_home = 0.0, market_home = 0.0, home_won = 0.0;
    std::size_t with_total = 0, with_market = 0;
    for (const models::EvaluatedBaseballGame& g : w.games) {
        if (g.total_line) {
            model_total += g.model_mean_total;
            line_total += *g.total_line;
            actual += g.home_runs + g.away_runs;
            ++with_total;
        }
        if (g.market_home_win) {
            model_home += g.model_home_win;
            market_home += *g.market_home_win;
            home_won += g.HomeWon() ? 1.0 : 0.0;
            ++with_market;
        }
    }
    const double nt = double(std::max<std::size_t>(with_total, 1)), nm = double(std::max<std::size_t>(with_market, 1));
    std::printf("means: total runs model %.3f, closing line %.3f, actual %.3f; P(home win) model %.4f, market %.4f, "
                "actual %.4f; total runs log loss (-ln P(total = actual)) of the model %.4f\n\n",
                model_total / nt, line_total / nt, actual / nt, model_home / nm, market_home / nm, home_won / nm,
                s.total_runs_log_loss);
    if (s.model_all.count != s.model_moneyline.count) {
        std::printf("moneyline, all %zu scored games (with a closing line or not)  log loss     Brier\n",
                    s.model_all.count);
        PrintScores("model", s.model_all);
        PrintScores("base rate", s.base_all);
        std::printf("\n");
    }
    PrintCalibration("moneyline, P(home win)", s.model_moneyline_calibration, s.market_moneyline_calibration);
    std::printf("\n");
    PrintCalibration("total, P(over)", s.model_total_calibration, s.market_total_calibration);
}

bool WriteCsv(const std::string& path, const models::BaseballWalkForward& w) {
    std::ofstream csv(path);
    csv << "game_id,fitted_before,home_runs,away_runs,model_home_win,market_home_win,base_home_win,total_line,"
           "model_over,market_over,push\n";
    const auto opt = [](const std::optional<double>& x) { return x ? std::to_string(*x) : std::string(); };
    for (const models::EvaluatedBaseballGame& g : w.games) {
        csv << g.game_id << ',' << models::FormatDate(g.fitted_before) << ',' << g.home_runs << ',' << g.away_runs
            << ',' << g.model_home_win << ',' << opt(g.market_home_win) << ',' << g.base_home_win << ','
            << opt(g.total_line) << ',' << g.model_over << ',' << opt(g.market_over) << ',' << (g.push ? 1 : 0) << '\n';
    }
    return bool(csv);
}

} // namespace

Result<models::BaseballForecast> PriceBaseballExact(const models::BaseballModel& model, double line) {
    auto exact = engine::ExactBaseball(model, engine::BaseballState{}, kGrid);
    if (!exact.ok()) {
        return exact.status();
    }
    const engine::ScoreDistribution& grid = exact->final_score;
    models::BaseballForecast f;
    f.total_pmf.assign(2 * grid.dim() - 1, 0.0);
    double mass = 0.0;
    for (std::size_t h = 0; h < grid.dim(); ++h) {
        for (std::size_t a = 0; a < grid.dim(); ++a) {
            const double p = grid.At(h, a);
            const double total = double(h + a);
            mass += p;
            f.home_win += h > a ? p : 0.0;
            f.over += total > line ? p : 0.0;
            f.push += total == line ? p : 0.0;
            f.mean_total += total * p;
            f.total_pmf[h + a] += p;
        }
    }
    if (!(mass > 0.0)) {
        return Status(StatusCode::kInternal, "empty score grid");
    }
    f.home_win /= mass; // a tie on the grid is only the truncated mass, which is negligible
    f.over /= mass;
    f.push /= mass;
    f.mean_total /= mass;
    for (double& p : f.total_pmf) {
        p /= mass;
    }
    return f;
}

std::optional<std::array<double, 2>> DevigAmerican(const std::array<double, 2>& american, odds::MarginMethod method) {
    std::array<double, 2> decimal{};
    for (std::size_t i = 0; i < 2; ++i) {
        const auto d = odds::AmericanToDecimal(american[i]);
        if (!d.ok()) {
            return std::nullopt;
        }
        decimal[i] = *d;
    }
    const auto book = odds::RemoveMargin(decimal, method);
    if (!book.ok()) {
        return std::nullopt;
    }
    return std::array<double, 2>{book->probabilities[0], book->probabilities[1]};
}

void AddBaseballEvaluateOptions(CLI::App& command, BaseballEvaluateOptions& options) {
    command.add_option("--season", options.season, "baseball: scored MLB season (fits also read the two before)")
        ->capture_default_str();
    command.add_option("--refit-days", options.refit_days, "baseball: refit once the fit is this many days old")
        ->capture_default_str();
    command.add_option("--fit-options", options.fit,
                       "baseball: JSON overriding fit settings, e.g. '{\"prior_pa\":3000,\"half_life_days\":200}'");
    command.add_option("--from-date", options.from, "baseball: first scored date, YYYY-MM-DD");
    command.add_option("--to-date", options.to, "baseball: last scored date, YYYY-MM-DD");
    command.add_flag("--all-games", options.all_games,
                     "baseball: also score games without a closing line (model against the base rate), e.g. for "
                     "tuning on a season the market file does not cover");
}

int RunBaseballEvaluate(const BaseballEvaluateOptions& o, const std::string& data, const std::string& csv,
                        const std::string& devig_name) {
    const auto fit = FitOptionsOf(o.fit);
    const auto devig = odds::ParseMarginMethod(devig_name);
    const auto from = DateOf(o.from, {}, "--from-date");
    const auto to = DateOf(o.to, std::chrono::sys_days{std::chrono::year{9999} / 1 / 1}, "--to-date");
    for (const Status& s : {fit.status(), devig.status(), from.status(), to.status()}) {
        if (!s.ok()) {
            return ReportError(s.message());
        }
    }
    const std::string data_dir = models::ResolveDataDir(data);
    auto lines = models::LoadPinnacleClosingLines(data_dir);
    if (!lines.ok()) {
        return ReportError(lines.status().message());
    }
    auto games = models::LoadGameLogs(data_dir, std::max(kFirstLogSeason, o.season - 2), o.season);
    if (!games.ok()) {
        return ReportError(games.status().message());
    }
    const auto fair = [method = *devig](const std::array<double, 2>& american) {
        return DevigAmerican(american, method);
    };
    models::BaseballWalkForwardOptions walk;
    walk.season = o.season;
    walk.fit = *fit;
    walk.refit_days = o.refit_days;
    walk.first_date = *from;
    walk.last_date = *to;
    walk.all_games = o.all_games;
    auto walked = models::RunBaseballWalkForward(*games, *lines, walk, PriceBaseballExact, fair);
    if (!walked.ok()) {
        return ReportError(walked.status().message());
    }
    PrintReport(*walked, o, devig_name);
    if (!csv.empty()) {
        if (!WriteCsv(csv, *walked)) {
            return ReportError("--csv: " + csv + ": cannot write");
        }
        std::printf("\nwrote %s\n", csv.c_str());
    }
    return 0;
}

} // namespace simbook::app
