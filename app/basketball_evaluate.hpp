//! `simbook evaluate --sport basketball`: NBA 2023-24 walk-forward by day, the exact margin and total of each game
//! against the result, and the home-win forecast against Elo.
#pragma once

#include <string>

namespace simbook::app {

//! The basketball options of `simbook evaluate`.
struct BasketballEvaluateOptions {
    double lead_pull = -1.0;       //!< overrides the fitted lead pull when >= 0
    std::string from = "20231101"; //!< first day scored, YYYYMMDD (earlier days only train)
};

//! Runs the evaluation on the data folder `data` (empty: $SIMBOOK_DATA, else ../shared/data), writing one row per game
//! to `csv_path` when it is not empty. Prints the report; returns the exit code.
int RunBasketballEvaluate(const BasketballEvaluateOptions& o, const std::string& data, const std::string& csv_path);

} // namespace simbook::app
