//! `simbook simulate`: simulate a game from a state and print the distributions.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace simbook::app {

//! Options shared by every command that simulates a game.
struct SimulateOptions {
    std::string sport;
    std::optional<double> home_xg;
    std::optional<double> away_xg;
    std::string params_file;
    std::string state;
    std::uint64_t sims = 100'000;
    double target_se = 0.0;
    std::uint64_t max_sims = 10'000'000;
    std::uint64_t seed = 7;
    int threads = 0;
    std::string backend = "auto";
    bool json = false;
    std::string hdf5;
};

//! Adds the simulation options to a (sub)command.
void AddSimulateOptions(CLI::App& command, SimulateOptions& options);

//! Registers `simulate` on the app; the callback stores its exit code in *exit_code.
void RegisterSimulateCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
