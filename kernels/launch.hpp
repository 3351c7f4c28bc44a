//! Plain C++ API of the kernels: run a range of path ids of a game on a backend. No Thrust or CUDA here.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/status.hpp"
#include "kernels/season/season_params.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstddef>
#include <cstdint>

namespace simbook::kernels {

//! Where and how to run a batch of paths.
struct LaunchConfig {
    Backend backend = Backend::kAuto; //!< kAuto resolves to kCuda when a GPU is usable, else kCpu
    int threads = 0;                  //!< OpenMP threads for the CPU backend; 0 = all cores
    //! Launches asked for while another runs wait and then run together, one launch over all their (game, path)
    //! pairs (many games per launch, for a GPU). Same paths either way. Kernels that cannot batch ignore it.
    bool coalesce = false;
};

//! True when this binary was built with the CUDA backend.
bool CudaCompiled();
//! True when the CUDA backend is compiled in and cudaGetDeviceCount finds at least one device.
bool CudaAvailable();
//! The backend a config actually runs on, or an error when kCuda is asked for and unavailable.
[[nodiscard]] Status ResolveBackend(Backend requested, Backend* resolved);

//! Simulates paths [first_path, first_path + count) and writes their outcomes to out[0..count).
[[nodiscard]] Status RunSoccer(const soccer::SoccerParams& params, const soccer::SoccerState& state, std::uint64_t seed,
                               std::uint64_t first_path, std::size_t count, soccer::SoccerOutcome* out,
                               const LaunchConfig& config);

//! Simulates paths [first_path, first_path + count) and writes their outcomes to out[0..count).
[[nodiscard]] Status RunBasketball(const basketball::BasketballParams& params, const basketball::BasketballState& state,
                                   std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                                   basketball::BasketballOutcome* out, const LaunchConfig& config);

//! Simulates seasons [first_season, first_season + count) of a league (see season::SeasonGame): writes each
//! season's final positions (1 = top; all 0 for a season with an invalid match) to positions[s * n_teams + team]
//! and final points to points[s * n_teams + team], s counted from first_season. When `scores` is not null it
//! receives every fixture's home and away goals at scores[(s * n_fixtures + f) * 2]. `fixtures` is a host array of
//! params.n_fixtures entries.
[[nodiscard]] Status RunSeasons(const season::SeasonParams& params, const season::SeasonFixture* fixtures,
                                std::uint64_t seed, std::uint64_t first_season, std::size_t count,
                                std::uint8_t* positions, std::uint16_t* points, std::uint8_t* scores,
                                const LaunchConfig& config);

} // namespace simbook::kernels
