//! The command line: every command of `simbook` on one CLI::App, with options from `--config FILE`.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Sets up `app` as `simbook`: the commands (one required), `--config FILE` (a TOML/INI file with a section per
//! command of `long-option = value` lines; the command line wins). The commands' callbacks store their exit code
//! in *exit_code.
void RegisterCommands(CLI::App& app, int* exit_code);

} // namespace simbook::app
