//! `simbook futures`: simulate the rest of a league season from a table and fixtures (a JSON file, or a past
//! season of the data folder cut at a date) and price title, top-N and relegation outrights.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `futures` on the app; the callback stores its exit code in *exit_code.
void RegisterFuturesCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
