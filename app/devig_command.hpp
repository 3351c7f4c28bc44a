//! `simbook devig`: remove the margin from quoted decimal odds.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `devig` on the app; the callback stores its exit code in *exit_code.
void RegisterDevigCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
