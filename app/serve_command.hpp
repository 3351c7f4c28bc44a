//! `simbook serve`: the HTTP API (Boost.Beast) with the bundled fitted models, an embedded SQLite risk book
//! and demo events.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `serve` on the app; the callback stores its exit code in *exit_code.
void RegisterServeCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
