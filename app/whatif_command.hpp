//! `simbook whatif` (base and scenario on common random numbers, or a sweep) and `simbook momentum`
//! (momentum and next-event markets of one game with its win-probability path).
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `whatif` and `momentum` on the app; callbacks store their exit code in *exit_code.
void RegisterWhatIfCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
