#include "app/evaluate_command.hpp"

#include "app/baseball_evaluate.hpp"
#include "app/basketball_evaluate.hpp"
#include "app/football_evaluate.hpp"
#include "app/game_setup.hpp"
#include "app/season_stakes.hpp"
#include "models/dixon_coles.hpp"
#include "models/evaluation.hpp"
#include "models/market_ratings.hpp"
#include "models/soccer_data.hpp"
#include "odds/margin.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/score_markets.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

constexpr int kGridGoals = 15; //!< score grid 0..15 per team for pricing (mass beyond: < 1e-6)
constexpr int kBuckets = models::kCalibrationBuckets;

struct EvaluateOptions {
    std::string league = "all";
    std::string model = "market-ratings";
    std::string market_params;         //!< market-ratings hyper-parameters file (default: models/params/soccer/...)
    std::string market_options;        //!< JSON overriding some of them
    std::uint64_t stake_seasons = 400; //!< simulated seasons per stake of the motivation term
    std::string seasons = "2008-2016";
    std::string data;
    std::string csv;
    std::string devig = "multiplicative";
    double half_life_days = models::DixonColesOptions{}.half_life_days;
    double window_days = models::DixonColesOptions{}.window_days;
    double prior_sd = models::DixonColesOptions{}.prior_sd;
    bool json = false;
    std::string sport = "soccer";
    BasketballEvaluateOptions basketball; //!< basketball: --lead-pull, --from
    BaseballEvaluateOptions baseball;     //!< baseball: --season, --refit-days, --fit-options, dates
};

nlohmann::json ScoresJson(const models::ThreeWayScores& s) {
    return {{"matches", s.Count()}, {"log_loss", s.MeanLogLoss()}, {"brier", s.MeanBrier()}, {"rps", s.MeanRps()}};
}

nlohmann::json ScoresJson(const models::BinaryScores& s) {
    const double n = double(std::max<std::size_t>(s.count, 1));
    return {{"matches", s.count}, {"log_loss", s.log_loss / n}, {"brier", s.brier / n}};
}

nlohmann::json CalibrationJson(const models::Calibration& c) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t b = 0; b < kBuckets; ++b) {
        rows.push_back({{"bucket", {double(b) / kBuckets, double(b + 1) / kBuckets}},
                        {"count", c.count[b]},
                        {"mean_predicted", c.MeanPredicted(b)},
                        {"observed", c.Observed(b)}});
    }
    return rows;
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

//! The market-informed ratings' options: the committed file (or --market-params), then --market-options.
Result<models::MarketRatingsOptions> MarketOptionsOf(const EvaluateOptions& o) {
    auto options =
        models::LoadMarketRatingsOptions(o.market_params.empty() ? DefaultMarketRatingsFile() : o.market_params);
    if (!options.ok() || o.market_options.empty()) {
        return options;
    }
    const auto overrides = nlohmann::json::parse(o.market_options, nullptr, false);
    if (overrides.is_discarded()) {
        return InvalidArgument("--market-options", "not JSON");
    }
    auto merged = models::MarketRatingsOptionsFromJson(overrides, *options);
    if (!merged.ok()) {
        return InvalidArgument("--market-options", merged.status().message());
    }
    return merged;
}

//! Every figure of a scored walk-forward as JSON.
nlohmann::json ReportJson(const models::EvaluationScores& scores) {
    nlohmann::json out;
    out["all_matches"] = {{"model", ScoresJson(scores.model_all)}, {"base_rate", ScoresJson(scores.base_all)}};
    out["with_market"] = {{"model", ScoresJson(scores.model_with_market)},
                          {"market", ScoresJson(scores.market)},
                          {"base_rate", ScoresJson(scores.base_with_market)},
                          {"model_minus_market_log_loss",
                           {{"mean", scores.model_minus_market}, {"std_error", scores.model_minus_market_se}}}};
    out["over_under_2_5"] = {{"model", ScoresJson(scores.model_over)}, {"base_rate", ScoresJson(scores.base_over)}};
    out["calibration"] = {{"model", CalibrationJson(scores.model_calibration)},
                          {"market", CalibrationJson(scores.market_calibration)}};
    nlohmann::json per_season = nlohmann::json::array();
    for (const auto& [season, season_scores] : scores.by_season) {
        per_season.push_back({{"season", models::SeasonLabel(season)},
                              {"model", ScoresJson(season_scores[0])},
                              {"market", ScoresJson(season_scores[1])},
                              {"base_rate", ScoresJson(season_scores[2])}});
    }
    out["by_season"] = per_season;
    return out;
}

//! The readable report of a scored walk-forward: 1X2 against the market and the base rate, over/under 2.5, by
//! season, calibration.
void PrintReport(const models::EvaluationScores& scores, const std::string& model_name) {
    const auto line = [](const std::string& name, const models::ThreeWayScores& s) {
        const double n = double(std::max<std::size_t>(s.Count(), 1));
        std::printf("  %-40s %9.4f %9.4f %9.4f\n", name.c_str(), s.log_loss / n, s.brier / n, s.rps / n);
    };
    const models::ThreeWayScores& model_common = scores.model_with_market;
    const double diff = scores.model_minus_market;
    const double diff_se = scores.model_minus_market_se;
    if (model_common.Count() > 0) {
        std::printf("1X2, %zu matches with market odds              log loss     Brier       RPS\n",
                    model_common.Count());
        line("model (" + model_name + ", via MarketEngine)", model_common);
        line("market (bookmakers' average, de-vigged)", scores.market);
        line("base rate (training-window H/D/A)", scores.base_with_market);
        std::printf("  model - market log loss: %+.4f (s.e. %.4f): %s\n\n", diff, diff_se,
                    diff > 2 * diff_se    ? "the market is better"
                    : diff < -2 * diff_se ? "the model is better"
                                          : "no clear difference");
    }
    if (scores.model_all.Count() != model_common.Count()) {
        std::printf("1X2, all %zu matches                         log loss     Brier       RPS\n",
                    scores.model_all.Count());
        line("model", scores.model_all);
        line("base rate", scores.base_all);
        std::printf("\n");
    }
    const models::BinaryScores& model_over = scores.model_over;
    const models::BinaryScores& base_over = scores.base_over;
    std::printf("over/under 2.5, %zu matches                   log loss     Brier\n", model_over.count);
    std::printf("  %-40s %9.4f %9.4f\n", "model", model_over.log_loss / double(model_over.count),
                model_over.brier / double(model_over.count));
    std::printf("  %-40s %9.4f %9.4f\n\n", "base rate", base_over.log_loss / double(base_over.count),
                base_over.brier / double(base_over.count));
    if (!scores.by_season.empty()) {
        std::printf("1X2 log loss by season     matches     model    market      base\n");
        for (const auto& [season, season_scores] : scores.by_season) {
            const double n = double(season_scores[0].Count());
            std::printf("  %-22s %9zu %9.4f %9.4f %9.4f\n", models::SeasonLabel(season).c_str(),
                        season_scores[0].Count(), season_scores[0].log_loss / n, season_scores[1].log_loss / n,
                        season_scores[2].log_loss / n);
        }
        std::printf("\n");
    }
    std::printf("calibration (1X2, every outcome)  model: count  predicted  observed   market: count  predicted  "
                "observed\n");
    const auto& mc = scores.model_calibration;
    const auto& kc = scores.market_calibration;
    for (std::size_t b = 0; b < kBuckets; ++b) {
        std::printf("  %.1f-%.1f %30.0f %10.4f %9.4f %15.0f %10.4f %9.4f\n", double(b) / kBuckets,
                    double(b + 1) / kBuckets, mc.count[b], mc.MeanPredicted(b), mc.Observed(b), kc.count[b],
                    kc.MeanPredicted(b), kc.Observed(b));
    }
}

//! One row a match of the --csv file.
void WriteCsvRows(std::ostream& csv, const std::string& league, const std::vector<models::EvaluatedMatch>& rows) {
    const auto quoted = [](const std::string& text) {
        std::string out = "\"";
        out.append(text).append("\"");
        return out;
    };
    char buffer[512];
    for (const models::EvaluatedMatch& row : rows) {
        const models::SoccerMatch& m = *row.match;
        csv << league << "," << models::SeasonLabel(m.season) << "," << models::FormatDate(m.date) << ","
            << quoted(m.home) << "," << quoted(m.away) << "," << m.home_goals << "," << m.away_goals << ","
            << "HDA"[models::MatchOutcome(m.home_goals, m.away_goals)];
        std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f", row.home_xg, row.away_xg, row.rho,
                      row.model[0], row.model[1], row.model[2], row.model_over);
        csv << buffer;
        if (row.market) {
            std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.3f,%.3f,%.3f", (*row.market)[0], (*row.market)[1],
                          (*row.market)[2], row.odds[0], row.odds[1], row.odds[2]);
            csv << buffer;
        } else {
            csv << ",,,,,,";
        }
        std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.6f,%zu", row.base[0], row.base[1], row.base[2],
                      row.base_over, row.train_matches);
        csv << buffer;
        if (row.home_stake >= 0.0) {
            std::snprintf(buffer, sizeof buffer, ",%.4f,%.4f\n", row.home_stake, row.away_stake);
            csv << buffer;
        } else {
            csv << ",,\n";
        }
    }
}

int RunEvaluate(const EvaluateOptions& o) {
    if (o.sport == "basketball") {
        return RunBasketballEvaluate(o.basketball, o.data, o.csv);
    }
    if (o.sport == "baseball") {
        return RunBaseballEvaluate(o.baseball, o.data, o.csv, o.devig);
    }
    if (o.sport == "football") {
        // --seasons keeps its soccer default unless given; football reads it as start years (default 2012-2018).
        return RunFootballEvaluate(o.data, o.seasons == EvaluateOptions{}.seasons ? "" : o.seasons, o.csv);
    }
    if (o.sport != "soccer") {
        std::fprintf(stderr, "simbook: error: --sport: '%s' is not soccer, basketball or baseball\n", o.sport.c_str());
        return 2;
    }
    // Every league the data folder holds (the five, and any other results folder), or the one asked for.
    const std::string data_dir = models::ResolveDataDir(o.data);
    std::vector<std::string> leagues;
    if (o.league == "all") {
        for (const models::DataLeague& league : models::DataSoccerLeagues(data_dir)) {
            leagues.push_back(league.key);
        }
        if (leagues.empty()) {
            return Fail("--data: no league folders in " + data_dir + "/soccer/results");
        }
    } else {
        const auto league = models::FindDataSoccerLeague(data_dir, o.league);
        if (!league.ok()) {
            return Fail("--league: " + league.status().message() + ", or all");
        }
        leagues.push_back(o.league);
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
    if (o.stake_seasons < 1 || o.stake_seasons > 1'000'000) {
        return Fail("--stake-seasons: " + std::to_string(o.stake_seasons) + ": 1 to 1000000");
    }
    if (o.model != "dixon-coles" && o.model != "market-ratings") {
        return Fail("--model: '" + o.model + "': dixon-coles or market-ratings");
    }
    const bool market_ratings = o.model == "market-ratings";
    models::MarketRatingsOptions market_options;
    if (market_ratings) {
        const auto loaded = MarketOptionsOf(o);
        if (!loaded.ok()) {
            return Fail(loaded.status().message());
        }
        market_options = *loaded;
    }
    const auto [first_season, last_season] = *seasons;
    // The pricing path of the API: an exact score matrix through MarketEngine.
    const odds::Market h2h = odds::ParseMarket("h2h").value();
    const odds::Market totals = odds::ParseMarket("totals:2.5").value();
    const auto price = [&](double home_xg, double away_xg, double rho) -> Result<models::MatchForecast> {
        const auto matrix = odds::ScoreMatrix::Create(models::DixonColesScoreGrid(home_xg, away_xg, rho, kGridGoals));
        if (!matrix.ok()) {
            return Status(StatusCode::kInternal, "score matrix: " + matrix.status().message());
        }
        const odds::MarketEngine engine = odds::MarketEngine::FromScoreMatrix(*matrix);
        const auto result_book = engine.Price(h2h);
        const auto total_book = engine.Price(totals);
        if (!result_book.ok() || !total_book.ok()) {
            return Status(StatusCode::kInternal,
                          "pricing: " + (result_book.ok() ? total_book : result_book).status().message());
        }
        models::MatchForecast forecast;
        for (std::size_t k = 0; k < 3; ++k) {
            forecast.result[k] = result_book->outcomes[k].fair.probability;
        }
        forecast.over_2_5 = total_book->outcomes[0].fair.probability;
        return forecast;
    };
    const auto market = [&](const models::SoccerOdds& row) -> std::optional<models::ThreeWay> {
        if (*devig == odds::MarginMethod::kMultiplicative) {
            return row.probability;
        }
        const auto book = odds::RemoveMargin(row.decimal_odds, *devig);
        if (!book.ok()) {
            return std::nullopt;
        }
        return models::ThreeWay{book->probabilities[0], book->probabilities[1], book->probabilities[2]};
    };
    std::vector<models::WalkForward> walks;
    std::vector<models::EvaluatedMatch> pooled;
    for (const std::string& league : leagues) {
        models::WalkForwardOptions walk;
        walk.league = league;
        walk.data_dir = data_dir;
        walk.first_season = first_season;
        walk.last_season = last_season;
        walk.fit.half_life_days = o.half_life_days;
        walk.fit.window_days = o.window_days;
        walk.fit.prior_sd = o.prior_sd;
        walk.model =
            market_ratings ? models::SoccerRatingModel::kMarketRatings : models::SoccerRatingModel::kDixonColes;
        walk.market_ratings = market_options;
        const models::MotivationFn motivation = market_ratings && market_options.motivation_weight != 0.0
                                                    ? MakeFuturesMotivation(o.stake_seasons, 1)
                                                    : nullptr;
        auto walked = models::RunWalkForward(walk, price, market, motivation);
        if (!walked.ok()) {
            return Fail(league + ": " + walked.status().message());
        }
        // Every odds row that did not join its result, or joined with a difference, on stderr.
        for (const models::OddsJoinIssue& issue : walked->odds_join.issues) {
            std::fprintf(stderr, "simbook: note: %s odds: %s\n", league.c_str(), issue.message.c_str());
        }
        pooled.insert(pooled.end(), walked->matches.begin(), walked->matches.end());
        walks.push_back(std::move(*walked));
    }

    if (!o.csv.empty()) {
        std::ofstream csv(o.csv);
        if (!csv) {
            return Fail("--csv: " + o.csv + ": cannot write");
        }
        csv << "league,season,date,home,away,home_goals,away_goals,result,home_xg,away_xg,rho,model_home,model_draw,"
               "model_away,model_over25,market_home,market_draw,market_away,odds_home,odds_draw,odds_away,base_home,"
               "base_draw,base_away,base_over25,train_matches,home_stake,away_stake\n";
        for (std::size_t i = 0; i < leagues.size(); ++i) {
            WriteCsvRows(csv, leagues[i], walks[i].matches);
        }
        if (!csv) {
            return Fail("--csv: " + o.csv + ": cannot write");
        }
    }

    const std::string model_name = market_ratings ? "market ratings" : "Dixon-Coles";
    const auto walk_json = [&](const models::WalkForward& w) {
        nlohmann::json out = ReportJson(models::ScoreWalkForward(w.matches));
        out["matches"] = w.matches.size();
        out["matches_with_market"] = out["with_market"]["model"]["matches"];
        out["fits"] = w.fits;
        out["failed_fits"] = w.failed_fits;
        out["fallback_fits"] = w.fallback_fits;
        out["clamped_rho"] = w.clamped_rho;
        out["seconds"] = w.seconds;
        nlohmann::json issues = nlohmann::json::array();
        for (const models::OddsJoinIssue& issue : w.odds_join.issues) {
            issues.push_back(issue.message);
        }
        out["odds_rows_joined"] = w.odds_join.joined;
        out["odds_rows_not_joined"] = w.odds_join.Unjoined();
        out["odds_join_issues"] = issues;
        return out;
    };
    const auto options_json = [&] {
        nlohmann::json out = {
            {"half_life_days", o.half_life_days}, {"window_days", o.window_days}, {"prior_sd", o.prior_sd}};
        if (market_ratings) {
            out["market_ratings"] = models::ToJson(market_options);
        }
        return out;
    };
    if (o.json) {
        nlohmann::json out;
        if (leagues.size() == 1) {
            out = walk_json(walks.front());
            out["league"] = leagues.front();
        } else {
            out = ReportJson(models::ScoreWalkForward(pooled));
            out["league"] = "all";
            out["matches"] = pooled.size();
            out["matches_with_market"] = out["with_market"]["model"]["matches"];
            for (std::size_t i = 0; i < leagues.size(); ++i) {
                out["leagues"][leagues[i]] = walk_json(walks[i]);
            }
        }
        out["seasons"] = {models::SeasonLabel(first_season), models::SeasonLabel(last_season)};
        out["model"] = o.model;
        out["devig"] = odds::ToString(*devig);
        out["options"] = options_json();
        std::cout << out.dump() << "\n";
        return 0;
    }
    int fits = 0;
    int failed_fits = 0;
    int fallback_fits = 0;
    double seconds = 0.0;
    for (const models::WalkForward& w : walks) {
        fits += w.fits;
        failed_fits += w.failed_fits;
        fallback_fits += w.fallback_fits;
        seconds += w.seconds;
    }
    std::printf("%s walk-forward %s to %s: %zu matches, %d fits before each match day (%d did not converge), "
                "%.2f s\n",
                o.league.c_str(), models::SeasonLabel(first_season).c_str(), models::SeasonLabel(last_season).c_str(),
                pooled.size(), fits, failed_fits, seconds);
    if (market_ratings) {
        const auto& m = market_options;
        std::printf("market ratings: half-life %g days, window %g days, prior weight %g, result weight %g, shot share "
                    "%g, rho %g, 1X2 power %g; %d match days without enough earlier odds fitted by Dixon-Coles\n",
                    m.half_life_days, m.window_days, m.prior_weight, m.result_weight, m.shot_share, m.rho, m.power,
                    fallback_fits);
    }
    std::printf("Dixon-Coles: half-life %g days, window %g days, prior sd %g; market: average odds de-vigged (%s)\n\n",
                o.half_life_days, o.window_days, o.prior_sd, std::string(odds::ToString(*devig)).c_str());
    if (leagues.size() > 1) {
        std::printf("by league             matches  model LL  market LL  base LL  model - market (s.e.)   O/U 2.5 "
                    "model    base\n");
        for (std::size_t i = 0; i < leagues.size(); ++i) {
            const models::EvaluationScores s = models::ScoreWalkForward(walks[i].matches);
            std::printf("  %-18s %8zu %9.4f %10.4f %8.4f %+10.4f (%.4f) %17.4f %7.4f\n", leagues[i].c_str(),
                        s.model_with_market.Count(), s.model_with_market.MeanLogLoss(), s.market.MeanLogLoss(),
                        s.base_with_market.MeanLogLoss(), s.model_minus_market, s.model_minus_market_se,
                        s.model_over.log_loss / double(std::max<std::size_t>(s.model_over.count, 1)),
                        s.base_over.log_loss / double(std::max<std::size_t>(s.base_over.count, 1)));
        }
        std::printf("\nall %zu leagues pooled\n", leagues.size());
    }
    PrintReport(models::ScoreWalkForward(pooled), model_name);
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
    command
        ->add_option("--league", options->league,
                     "premier-league, bundesliga, la-liga, serie-a, ligue-1, or all (the five, with pooled scores)")
        ->capture_default_str();
    command
        ->add_option("--model", options->model,
                     "dixon-coles (ratings from earlier results) or market-ratings (from earlier matches' odds, goals "
                     "and shots)")
        ->capture_default_str();
    command->add_option("--market-params", options->market_params,
                        "market-ratings hyper-parameters (default: $SIMBOOK_PARAMS or models/params, "
                        "soccer/market-ratings.json)");
    command->add_option("--market-options", options->market_options,
                        "JSON object overriding some market-ratings hyper-parameters, e.g. '{\"half_life_days\":45}'");
    command
        ->add_option("--seasons", options->seasons,
                     "START-END years: 2008-2016 scores the seasons 2008-09 to 2015-16 (market odds cover 2005-06 to "
                     "2015-16)")
        ->capture_default_str();
    command
        ->add_option("--stake-seasons", options->stake_seasons,
                     "market-ratings with a motivation weight: simulated seasons behind each stake")
        ->capture_default_str();
    command->add_option("--data", options->data, "data folder (default: $SIMBOOK_DATA, else ../shared/data)");
    command->add_option("--csv", options->csv, "write one row per match (predictions and outcome) to this file");
    command
        ->add_option("--devig", options->devig,
                     "how to remove the bookmakers' margin: multiplicative (the odds files' own probabilities), "
                     "additive, power, shin or odds-ratio")
        ->capture_default_str();
    command
        ->add_option("--half-life-days", options->half_life_days,
                     "Dixon-Coles (and the fallback of market-ratings): time-decay half-life, days")
        ->capture_default_str();
    command
        ->add_option("--window-days", options->window_days, "Dixon-Coles: training window before each match day, days")
        ->capture_default_str();
    command->add_option("--prior-sd", options->prior_sd, "Dixon-Coles: sd of the Gaussian penalty on each rating")
        ->capture_default_str();
    command->add_flag("--json", options->json, "print one JSON object with every figure");
    command
        ->add_option("--sport", options->sport,
                     "soccer, or basketball: NBA 2023-24 walk-forward margin and total residuals, win log loss and "
                     "calibration against Elo (--data, --csv apply), or baseball: MLB walk-forward against Pinnacle's "
                     "de-vigged closing moneyline and total (--season; --data, --csv, --devig apply)")
        ->capture_default_str();
    AddBaseballEvaluateOptions(*command, options->baseball);
    command->add_option(
        "--lead-pull", options->basketball.lead_pull,
        "basketball: lead pull of every matchup instead of the fitted one (0: independent possessions)");
    command->add_option("--from", options->basketball.from, "basketball: first day scored, YYYYMMDD")
        ->capture_default_str();
    command->callback([options, exit_code] { *exit_code = RunEvaluate(*options); });
}

} // namespace simbook::app
