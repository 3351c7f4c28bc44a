//! A slate of NBA games simulated jointly: every player's box line on every path, and fantasy projections
//! (distribution summaries) computed from those lines.
#pragma once

#include "fantasy/extra_stats.hpp"
#include "fantasy/scoring.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/result.hpp"
#include "models/availability.hpp"
#include "models/basketball_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::fantasy {

//! One game of the slate, by the fitted league's team codes ("BOS", "BRK", "PHO").
struct SlateGame {
    std::string home;
    std::string away;
    std::string Label() const { return away + "@" + home; }
};

//! The games and the availability overrides (player out, minutes cap) that apply to them.
struct Slate {
    std::vector<SlateGame> games;
    std::vector<models::AvailabilityOverride> availability;
};

//! Reads {"games": [{"home": "BOS", "away": "DAL"}, ...], "availability": [{"player", "out", "max_minutes"}]}
//! (other keys such as "note" are ignored). A team may play only once. Errors name "field.games[i].home".
Result<Slate> SlateFromJson(const nlohmann::json& json, const std::string& field);
//! Reads a slate file; errors name the path.
Result<Slate> LoadSlate(const std::string& path);

//! How to simulate the slate.
struct SlateOptions {
    std::string params_dir;       //!< fitted models (reads <params_dir>/nba/2023-24.json)
    std::string extra_rates_file; //!< steal/block/turnover rates; empty = league averages for everyone
    std::uint64_t sims = 10'000;  //!< joint paths (each path plays every game of the slate once)
    std::uint64_t seed = 7;       //!< game g runs with GameSeed(seed, g)
    int threads = 0;              //!< OpenMP threads, 0 = all cores
    kernels::Backend backend = kernels::Backend::kAuto;
};

//! Kernel seed of game g of a slate: a splitmix64 mix of (seed, g), so games draw independent streams.
std::uint64_t GameSeed(std::uint64_t seed, std::size_t game);

//! One player of the slate with the assumptions behind his lines.
struct SlatePlayer {
    std::string name;
    std::string team;                   //!< fitted league code
    std::string opponent;               //!< fitted league code
    int game = 0;                       //!< index into the slate's games
    int side = 0;                       //!< 0 home, 1 away
    int slot = 0;                       //!< roster slot in the kernel
    double minutes = 0.0;               //!< expected minutes after availability overrides
    double base_minutes = 0.0;          //!< fitted expected minutes before overrides
    double usage = 0.0;                 //!< usage rate in [0, 1]
    bool out = false;                   //!< ruled out by an override
    std::array<double, 3> extra_mean{}; //!< expected steals, blocks, turnovers (the Poisson means)
};

//! Per-path box lines of every player of a simulated slate. Path p of every game is one joint outcome of the
//! slate; teammates and opponents share a path, so their correlations are the simulation's.
class SlateSimulation {
public:
    const std::vector<SlatePlayer>& players() const { return players_; }
    const std::vector<SlateGame>& games() const { return games_; }
    std::uint64_t paths() const { return paths_; }
    std::uint64_t seed() const { return seed_; }
    std::uint64_t invalid_paths() const { return invalid_paths_; }
    //! Box line of player i on path p (points, rebounds, assists, threes from the kernel; steals, blocks,
    //! turnovers from the extra-stat draws).
    BoxLine Line(std::size_t player, std::uint64_t path) const;
    //! Fantasy points [player * paths() + path] under a scoring system.
    std::vector<float> Points(const Scoring& scoring) const;
    //! Index of a player by team code and exact name, or -1.
    int Find(const std::string& team, const std::string& name) const;
    //! The source of the steal/block/turnover rates.
    const std::string& extra_rates_source() const { return extra_source_; }

private:
    friend Result<SlateSimulation> SimulateSlate(const Slate& slate, const SlateOptions& options);
    std::vector<SlateGame> games_;
    std::vector<SlatePlayer> players_;
    std::vector<std::uint8_t> lines_; //!< [player][path][stat]
    std::uint64_t paths_ = 0;
    std::uint64_t seed_ = 0;
    std::uint64_t invalid_paths_ = 0;
    std::string extra_source_;
};

//! Simulates every game of the slate for options.sims paths (games with overrides run on the adjusted model;
//! the other games' paths do not change). InvalidArgument names an unknown team or override, Unavailable an
//! unreadable params or rates file.
Result<SlateSimulation> SimulateSlate(const Slate& slate, const SlateOptions& options);

//! One player's fantasy-point distribution.
struct Projection {
    std::size_t player = 0; //!< index into SlateSimulation::players()
    double mean = 0.0;
    double median = 0.0;
    double sd = 0.0;
    std::array<double, 4> percentiles{};    //!< 10th, 25th, 75th, 90th (linear interpolation between order stats)
    std::vector<double> p_reach;            //!< P(points >= threshold) per requested threshold, in [0, 1]
    std::array<double, kStats> stat_mean{}; //!< mean box line
    double double_double = 0.0;             //!< P(double-double)
    double triple_double = 0.0;             //!< P(triple-double)
};

//! Projections of every player from the slate's paths.
std::vector<Projection> Project(const SlateSimulation& sim, const Scoring& scoring,
                                const std::vector<double>& thresholds);

//! The q-quantile (q in [0, 1]) of sorted values by linear interpolation between order statistics.
double Quantile(const std::vector<float>& sorted, double q);

} // namespace simbook::fantasy
