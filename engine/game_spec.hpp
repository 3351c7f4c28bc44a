//! A game as every layer sees it: a GameSpec (one sport's game type: its kernel parameters, the live state its
//! paths start from, and what reports need; the sports are registered in engine/sports.hpp) and team names.
//! Per-sport traits are overloads on the sport's type, declared in engine/<sport>/game.hpp: RunKernel (the
//! only caller of the kernels' launch functions is the path driver, through it), AtStart (the state is the
//! start of the game), ElapsedSeconds (game clock played at the state), SetState, Advance.
#pragma once

#include "engine/sports.hpp"

#include <array>
#include <string>
#include <variant>

namespace simbook::engine {

//! The sport of a game.
Sport SportOf(const GameSpec& game);

//! A game ready to simulate, with the team names that reports and markets show.
struct Game {
    GameSpec spec;
    std::string home_name = "home";
    std::string away_name = "away";

    Sport sport() const { return SportOf(spec); }
    //! The sport's part, or null for another sport (for code that is per sport by nature: a sport's markets).
    const SoccerGame* soccer() const { return std::get_if<SoccerGame>(&spec); }
    const BasketballGame* basketball() const { return std::get_if<BasketballGame>(&spec); }
    SoccerGame* soccer() { return std::get_if<SoccerGame>(&spec); }
    BasketballGame* basketball() { return std::get_if<BasketballGame>(&spec); }
    const BaseballGame* baseball() const { return std::get_if<BaseballGame>(&spec); }
    BaseballGame* baseball() { return std::get_if<BaseballGame>(&spec); }
    const FootballGame* football() const { return std::get_if<FootballGame>(&spec); }
    FootballGame* football() { return std::get_if<FootballGame>(&spec); }
};

//! True when the state is the start of the game (kick-off, tip-off), so period and player lines cover it all.
bool AtStart(const GameSpec& game);
//! Game-clock seconds played at the state.
int ElapsedSeconds(const GameSpec& game);
//! The score at the state, home and away.
std::array<int, 2> CurrentScore(const GameSpec& game);

} // namespace simbook::engine
