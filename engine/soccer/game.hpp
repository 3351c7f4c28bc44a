//! Soccer in the engine: the game (kernel parameters and live state, kernels/soccer), its traits, its live
//! state from JSON and its model. Registered as a sport in engine/sports.hpp.
#pragma once

#include "engine/game_source.hpp"
#include "engine/key_event.hpp"
#include "engine/sport.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "kernels/soccer/soccer_params.hpp"
#include "models/soccer_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace simbook::engine {

struct SoccerTallies;

//! A soccer match: Dixon-Coles-style goal intensities and red cards (kernels/soccer).
struct SoccerGame {
    static constexpr const char* kName = "soccer";
    static constexpr SportRules kRules{.game_can_draw = true, .score_grid = true};
    using Outcome = kernels::soccer::SoccerOutcome;
    using State = kernels::soccer::SoccerState;
    using Model = models::SoccerModel;
    using Tallies = SoccerTallies;
    static constexpr std::size_t kScoreDim = 64; //!< goals 0-63 per team in the score grid
    kernels::soccer::SoccerParams params{};
    kernels::soccer::SoccerState state{};
};

//! The kick-off state.
kernels::soccer::SoccerState SoccerKickOff();
//! Parses {"minute": 60, "home": 1, "away": 0, "half": 2, "stoppage": 0, "red_home": 0, "red_away": 0,
//! "ht_home": 0, "ht_away": 0, "last_leader": "home"|"away"|"none", "finished": false}. minute is the
//! football minute 0-90; minute 45 (90) with "stoppage": s is s minutes into that half's stoppage time.
//! half defaults to 1 up to minute 45, else 2. ht_* default to the current score.
Result<kernels::soccer::SoccerState> ParseSoccerState(const nlohmann::json& json,
                                                      const kernels::soccer::SoccerParams& params);
//! Football minutes (0-90, stoppage time counted as 45 or 90) elapsed at a soccer state.
int SoccerStateMinute(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state);

//! Simulates paths [first_path, first_path + count) of the game from its state (see kernels/launch.hpp).
[[nodiscard]] Status RunKernel(const SoccerGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                               SoccerGame::Outcome* out, const kernels::LaunchConfig& launch);
//! Game-clock seconds played at the state (football minutes x 60).
int ElapsedSeconds(const SoccerGame& game);
//! The score at the state, home and away.
inline std::array<int, 2> CurrentScore(const SoccerGame& game) {
    return {game.state.home, game.state.away};
}
//! True at kick-off.
bool AtStart(const SoccerGame& game);
//! Sets the live state from JSON (null: kick-off); an impossible state is refused naming its field.
Status SetState(SoccerGame& game, const nlohmann::json& state);
//! The next live state (see engine::AdvanceState): goals and red cards are its key events.
Result<std::vector<KeyEvent>> Advance(SoccerGame& game, const nlohmann::json& state);

//! The soccer model of a source (see engine/game_loader.hpp for the rule): a fitted league's match, a given
//! model or the generic match, then home_xg / away_xg on a given or default model.
Result<models::SoccerModel> LoadModel(std::type_identity<SoccerGame>, const GameSource& source,
                                      const FieldNames& field);
//! The game of a model at kick-off.
Result<SoccerGame> StartGame(const models::SoccerModel& model);
//! Team names: the fitted teams, else "home" and "away".
std::array<std::string, 2> TeamNames(const models::SoccerModel& model, const std::string& home_team,
                                     const std::string& away_team);

} // namespace simbook::engine
