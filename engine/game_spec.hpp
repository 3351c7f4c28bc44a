//! A game as every layer sees it: one type per sport (its kernel parameters, the live state its paths start
//! from, and what reports need), and GameSpec, the variant over sports. Per-sport traits are overloads on the
//! sport's type: RunKernel (the only caller of the kernels' launch functions is the path driver, through it),
//! AtStart (the state is the start of the game), ElapsedSeconds (game clock played at the state).
//!
//! Adding a sport: a kernels/<sport> folder, a <Sport>Game struct and its traits here, and its alternative in
//! GameSpec. Code that branches on the sport visits the variant, so the compiler lists every place to extend.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace simbook::engine {

enum class Sport { kSoccer, kBasketball };

//! "soccer" or "basketball".
const char* SportName(Sport sport);
//! The sport of a name ("soccer", "basketball"); InvalidArgument listing the sports otherwise.
Result<Sport> ParseSport(std::string_view name);

//! A soccer match: Dixon-Coles-style goal intensities and red cards (kernels/soccer).
struct SoccerGame {
    using Outcome = kernels::soccer::SoccerOutcome;
    static constexpr Sport kSport = Sport::kSoccer;
    kernels::soccer::SoccerParams params{};
    kernels::soccer::SoccerState state{};
};

//! A basketball game: possessions and player box scores (kernels/basketball).
struct BasketballGame {
    using Outcome = kernels::basketball::BasketballOutcome;
    static constexpr Sport kSport = Sport::kBasketball;
    kernels::basketball::BasketballParams params{};
    kernels::basketball::BasketballState state{};
    std::vector<std::string> player_names; //!< home roster, then away, as many as params.team[t].players
};

//! One game of any sport.
using GameSpec = std::variant<SoccerGame, BasketballGame>;

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
};

//! Simulates paths [first_path, first_path + count) of the game from its state (see kernels/launch.hpp).
[[nodiscard]] Status RunKernel(const SoccerGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                               SoccerGame::Outcome* out, const kernels::LaunchConfig& launch);
[[nodiscard]] Status RunKernel(const BasketballGame& game, std::uint64_t seed, std::uint64_t first_path,
                               std::size_t count, BasketballGame::Outcome* out, const kernels::LaunchConfig& launch);

//! Football minutes (0-90, stoppage time counted as 45 or 90) elapsed at a soccer state.
int SoccerStateMinute(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state);
//! Game-clock seconds elapsed from tip-off at a basketball state (overtimes 300 s each).
int BasketballElapsedSeconds(const kernels::basketball::BasketballState& state);
//! True for a basketball tip-off state (period 1, 12:00, 0-0).
bool IsTipOff(const kernels::basketball::BasketballState& state);

//! Game-clock seconds played at the state (soccer: football minutes x 60).
int ElapsedSeconds(const SoccerGame& game);
int ElapsedSeconds(const BasketballGame& game);

//! True when the state is the start of the game (kick-off, tip-off), so period and player lines cover it all.
bool AtStart(const SoccerGame& game);
bool AtStart(const BasketballGame& game);
bool AtStart(const GameSpec& game);

} // namespace simbook::engine
