//! `simbook evaluate --sport baseball`: walk-forward over an MLB season against Pinnacle's de-vigged closing lines
//! (moneyline and total), the model priced by the exact game distribution.
#pragma once

#include "kernels/core/result.hpp"
#include "models/baseball_evaluation.hpp"
#include "models/baseball_model.hpp"
#include "odds/margin.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <optional>
#include <string>

namespace simbook::app {

//! The baseball options of `simbook evaluate`.
struct BaseballEvaluateOptions {
    int season = 2016;      //!< scored season (Pinnacle's lines cover 2016 up to June)
    int refit_days = 1;     //!< refit before a game once the fit is this many days old (1: before every date)
    std::string fit;        //!< JSON overriding BaseballFitOptions fields, e.g. '{"prior_pa":3000}'
    std::string from, to;   //!< scored dates, YYYY-MM-DD (empty: the whole season)
    bool all_games = false; //!< also score games without a closing line (model and base rate only)
};

//! The pricing path of the evaluation: P(home wins), P(total > line) and P(total == line) from the exact final-score
//! distribution before the game (engine::ExactBaseball). Errors: an invalid model.
Result<models::BaseballForecast> PriceBaseballExact(const models::BaseballModel& model, double line);

//! Fair probabilities of a two-way line from American odds (e.g. {-110, +100}) by `method`; nullopt when an odds
//! value is not valid American odds (missing: 0).
std::optional<std::array<double, 2>> DevigAmerican(const std::array<double, 2>& american, odds::MarginMethod method);

//! Adds --season, --refit-days, --fit-options, --from-date and --to-date to the evaluate command.
void AddBaseballEvaluateOptions(CLI::App& command, BaseballEvaluateOptions& options);

//! Runs the walk-forward and prints the report (data: --data or empty; csv: one row per game when not empty;
//! devig: the two-way de-vig method's name). Returns the exit code.
int RunBaseballEvaluate(const BaseballEvaluateOptions& options, const std::string& data, const std::string& csv,
                        const std::string& devig);

} // namespace simbook::app
