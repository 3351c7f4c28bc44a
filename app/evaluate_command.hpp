//! `simbook evaluate`: walk-forward evaluation of the soccer ratings (market ratings by default, or Dixon-Coles)
//! against real results, the bookmakers' de-vigged probabilities and a base rate, with no look-ahead.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `evaluate` on the app; the callback stores its exit code in *exit_code.
void RegisterEvaluateCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
