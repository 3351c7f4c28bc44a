//! Basketball in the engine: the game (kernel parameters, live state and rosters, kernels/basketball), its
//! traits, its live state from JSON and its model. Registered as a sport in engine/sports.hpp.
#pragma once

#include "engine/game_source.hpp"
#include "engine/key_event.hpp"
#include "engine/sport.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "models/basketball_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace simbook::engine {

struct BasketballTallies;

//! A basketball game: possessions and player box scores (kernels/basketball).
struct BasketballGame {
    static constexpr const char* kName = "basketball";
    static constexpr SportRules kRules{.quarters = true,
                                       .players = true,
                                       .races = true,
                                       .race_first = kernels::basketball::RaceTarget(0),
                                       .race_last =
                                           kernels::basketball::RaceTarget(kernels::basketball::kRaceTargets - 1),
                                       .race_step = 5,
                                       .periods_from_state = true};
    using Outcome = kernels::basketball::BasketballOutcome;
    using State = kernels::basketball::BasketballState;
    using Model = models::BasketballModel;
    using Tallies = BasketballTallies;
    static constexpr std::size_t kScoreDim = 320; //!< points 0-319 per team in the score grid
    kernels::basketball::BasketballParams params{};
    kernels::basketball::BasketballState state{};
    std::vector<std::string> player_names; //!< home roster, then away, as many as params.team[t].players
};

//! The tip-off state (possession decided by a fair coin).
kernels::basketball::BasketballState BasketballTipOff();
//! Parses {"period": 4, "clock": "8:00" or seconds, "home": 92, "away": 89, "possession": "home"|"away"|null,
//! "last_leader": ..., "finished": false}. Periods 1-4 are quarters (12:00), 5+ overtimes (5:00).
Result<kernels::basketball::BasketballState> ParseBasketballState(const nlohmann::json& json);
//! Game-clock seconds elapsed from tip-off at a basketball state (overtimes 300 s each).
int BasketballElapsedSeconds(const kernels::basketball::BasketballState& state);
//! True for a basketball tip-off state (period 1, 12:00, 0-0).
bool IsTipOff(const kernels::basketball::BasketballState& state);

//! Simulates paths [first_path, first_path + count) of the game from its state (see kernels/launch.hpp).
[[nodiscard]] Status RunKernel(const BasketballGame& game, std::uint64_t seed, std::uint64_t first_path,
                               std::size_t count, BasketballGame::Outcome* out, const kernels::LaunchConfig& launch);
//! Game-clock seconds played at the state.
int ElapsedSeconds(const BasketballGame& game);
//! The score at the state, home and away.
inline std::array<int, 2> CurrentScore(const BasketballGame& game) {
    return {game.state.score[0], game.state.score[1]};
}
//! True at tip-off.
bool AtStart(const BasketballGame& game);
//! Sets the live state from JSON (null: tip-off); an impossible state is refused naming its field.
Status SetState(BasketballGame& game, const nlohmann::json& state);
//! The next live state (see engine::AdvanceState): a change of score is a "basket" key event.
Result<std::vector<KeyEvent>> Advance(BasketballGame& game, const nlohmann::json& state);

//! The basketball model of a source (see engine/game_loader.hpp for the rule): the fitted NBA matchup, a given
//! model or the example matchup; home_xg / away_xg are refused.
Result<models::BasketballModel> LoadModel(std::type_identity<BasketballGame>, const GameSource& source,
                                          const FieldNames& field);
//! The game of a model at tip-off, with its rosters.
Result<BasketballGame> StartGame(const models::BasketballModel& model);
//! Team names: the model's.
std::array<std::string, 2> TeamNames(const models::BasketballModel& model, const std::string& home_team,
                                     const std::string& away_team);

} // namespace simbook::engine
