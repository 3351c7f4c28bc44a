//! Basketball paths without box scores: the light kernel (kernels/basketball/light_step.cuh, vectorised across
//! paths on the CPU) for the markets that need paths but not players (race to N, runs, lead changes, momentum,
//! next score). Not a sport of its own: a BasketballGame's light paths, run by the path driver like any game.
#pragma once

#include "engine/basketball/game.hpp"
#include "engine/sports.hpp"
#include "kernels/basketball/light_launch.hpp"
#include "kernels/basketball/light_params.hpp"

namespace simbook::engine {

struct BasketballLightGame {
    using Outcome = kernels::basketball::BasketballLightOutcome;
    using State = kernels::basketball::BasketballState;
    kernels::basketball::BasketballLightParams params{};
    kernels::basketball::BasketballState state{};

    //! The light game of a basketball game at its state.
    static BasketballLightGame Of(const BasketballGame& game) {
        return {kernels::basketball::MakeBasketballLightParams(game.params), game.state};
    }
};

//! Simulates light paths [first_path, first_path + count) of the game from its state.
[[nodiscard]] inline Status RunKernel(const BasketballLightGame& game, std::uint64_t seed, std::uint64_t first_path,
                                      std::size_t count, BasketballLightGame::Outcome* out,
                                      const kernels::LaunchConfig& launch) {
    return kernels::RunBasketballLight(game.params, game.state, seed, first_path, count, out, launch);
}

//! Light outcomes belong to basketball games (their state is a basketball state).
template <> struct GameOfOutcome<kernels::basketball::BasketballLightOutcome, GameSpec> {
    using type = BasketballLightGame;
};

} // namespace simbook::engine
