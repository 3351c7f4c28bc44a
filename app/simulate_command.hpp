//! `simbook simulate`: simulate a game from a state and print the distributions.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `simulate` on the app; the callback stores its exit code in *exit_code.
void RegisterSimulateCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
