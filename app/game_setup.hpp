//! What every simulating command shares: its options, turning them into a game, and one-line errors.
#pragma once

#include "engine/simulation.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace simbook::app {

//! Folder of the fitted models: $SIMBOOK_PARAMS, else this checkout's models/params.
std::string DefaultParamsDir();
//! The market-ratings hyper-parameters file: DefaultParamsDir()/soccer/market-ratings.json.
std::string DefaultMarketRatingsFile();

//! Options shared by every command that simulates a game.
struct SimulateOptions {
    std::string sport;
    std::optional<double> home_xg;
    std::optional<double> away_xg;
    std::string params_file;
    std::string league;    //!< fitted model: soccer league (premier-league, ...), "nba" or "mlb"
    std::string home_team; //!< with league: team names as in the fitted file
    std::string away_team;
    std::string params_dir = DefaultParamsDir(); //!< where fitted models live
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

//! A game ready to simulate (engine::Game: spec and names), plus what reports need.
struct Game : engine::Game {
    nlohmann::json model; //!< the model's parameters as JSON (for HDF5 attributes)
    nlohmann::json state; //!< the state as given (null for the start of the game)

    //! The simulation of this game configured by the options (seed, paths or precision target, backend, threads).
    engine::Simulation MakeSimulation(const SimulateOptions& options, kernels::Backend backend) const;
    //! Writes a run of this game to HDF5 when options.hdf5 names a file; an error names --hdf5.
    Status MaybeWriteHdf5(const SimulateOptions& options, const engine::SimulationResult& result) const;
};

//! Validates the options and loads the game (engine::LoadGame's rule, --params being the given model);
//! InvalidArgument names the bad option or field.
Result<Game> PrepareGame(const SimulateOptions& options);

//! The backend the options ask for.
Result<kernels::Backend> ParseBackend(const std::string& name);

//! Prints "simbook: error: message" as one line on stderr and returns the exit status for bad input (2).
int Fail(const std::string& message);

} // namespace simbook::app
