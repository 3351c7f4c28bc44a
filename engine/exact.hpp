//! The exact pricers of every sport (each in engine/<sport>/exact.hpp): test oracles and the fast path of live
//! main lines.
#pragma once

#include "engine/baseball/game.hpp"
#include "engine/basketball/exact.hpp"
#include "engine/basketball/lead_table.hpp"
#include "engine/football/game.hpp"
#include "engine/game_spec.hpp"
#include "engine/score_distribution.hpp"
#include "engine/soccer/exact.hpp"

#include <cstddef>
#include <variant>

namespace simbook::engine {

//! The exact final-score distribution of a game of any sport from its state.
inline ScoreDistribution ExactFinalScore(const GameSpec& game) {
    return std::visit([](const auto& g) { return ExactFinalScore(g); }, game);
}

//! The exact final margin and total of a game of any sport from its state: the main lines' fast path.
inline ExactLines ExactMainLines(const GameSpec& game) {
    return std::visit([](const auto& g) { return ExactMainLines(g); }, game);
}

//! Starts building the game's model's precomputed main-line tables in the background, if it has any and the cache
//! has room: called when an exact event is created (or restored), long before it goes live, so that its first state
//! updates find the table instead of pricing from scratch while the build competes with them for the cores.
//! Today only basketball with a lead pull has one; returns at once.
inline void PrepareExactMainLines(const GameSpec& game) {
    if (const BasketballGame* basketball = std::get_if<BasketballGame>(&game)) {
        (void)LeadTableCache::Instance().Find(basketball->params);
    }
}

//! True when ExactMainLines prices the game the paths play; false where it prices an approximation (football with
//! the clock: its no-clock twin), so a pass over the paths should replace its main lines when it runs.
inline bool ExactMainLinesAreExact(const GameSpec& game) {
    const FootballGame* football = std::get_if<FootballGame>(&game);
    return football == nullptr || football->params.clock == 0;
}

//! How many models' precomputed tables the exact pricers keep for their main lines (built in the background;
//! about 25 MB each; 0: none, every state is priced from scratch). Today only basketball with a lead pull has one.
inline void SetExactTableCapacity(std::size_t models) {
    LeadTableCache::Instance().SetCapacity(models);
}

} // namespace simbook::engine
