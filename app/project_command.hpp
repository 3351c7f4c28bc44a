//! `simbook project`: fantasy-point projections (distributions) for every player of a slate, from the joint
//! simulation. Also the options and request building that `simbook lineup` shares.
#pragma once

#include "fantasy/fantasy_api.hpp"
#include "kernels/core/result.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace simbook::app {

//! Options shared by `project` and `lineup`.
struct FantasyCliOptions {
    std::string slate;             //!< slate JSON file
    std::vector<std::string> out;  //!< players ruled out
    std::vector<std::string> caps; //!< "Player Name=30": minutes caps
    std::uint64_t sims = 10'000;
    std::uint64_t seed = 7;
    int threads = 0;
    std::string backend = "auto";
    std::string params_dir;
    std::string extra_rates;
    bool json = false;
};

//! Adds the shared options to a subcommand.
void AddFantasyOptions(CLI::App& command, FantasyCliOptions& options);
//! The request body's "slate", "sims" and "seed" from the options (slate file plus --out / --cap overrides);
//! errors name the option.
Result<nlohmann::json> FantasyRequestBase(const FantasyCliOptions& options);
//! The context (params dir, rates file, threads, backend) from the options.
Result<fantasy::FantasyContext> FantasyContextFrom(const FantasyCliOptions& options);

//! text cut or padded with spaces to `width` characters (UTF-8 aware, for names such as "Nikola Jokić").
std::string PadName(const std::string& text, std::size_t width);

//! Registers `project` on the app; the callback stores its exit code in *exit_code.
void RegisterProjectCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
