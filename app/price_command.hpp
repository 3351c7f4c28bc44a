//! `simbook price`: simulate a game, then print every requested market with fair probabilities, standard
//! errors and prices with a margin in the chosen odds format.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `price` on the app; the callback stores its exit code in *exit_code.
void RegisterPriceCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
