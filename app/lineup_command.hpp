//! `simbook lineup`: salary-cap lineups for DraftKings or FanDuel classic NBA contests from the slate's joint
//! simulation: exact MILP on mean projections, or the highest probability of beating a target score.
#pragma once

#include <CLI/CLI.hpp>

namespace simbook::app {

//! Registers `lineup` on the app; the callback stores its exit code in *exit_code.
void RegisterLineupCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
