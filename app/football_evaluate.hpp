//! `simbook evaluate --sport football`: the NFL drive model walk-forward by week against the de-vigged closing lines.
#pragma once

#include <string>

namespace simbook::app {

//! Runs the walk-forward over seasons "A-B" (start years, inclusive; empty: 2012-2018, 2011 only trains) from the
//! data folder `data` (ResolveDataDir), prints the summary (moneyline log loss of the model and the market, cover
//! rate and calibration of P(cover), over/under at the closing total, key numbers, half-point moves) and writes one
//! row per game to `csv` when not empty. Returns the process exit code (0 ok, 1 error).
int RunFootballEvaluate(const std::string& data, const std::string& seasons, const std::string& csv);

} // namespace simbook::app
