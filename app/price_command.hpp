//! `simbook price`: simulate a game and print every requested market with margin and format.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `price` on the app; the callback stores its exit code in *exit_code.
void RegisterPriceCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
