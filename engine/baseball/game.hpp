//! Baseball in the engine: the game (kernel parameters, live state and the model the exact chain prices,
//! kernels/baseball), its traits, its live state from JSON and its model. Registered as a sport in engine/sports.hpp.
#pragma once

#include "engine/baseball/exact.hpp"
#include "engine/game_source.hpp"
#include "engine/key_event.hpp"
#include "engine/score_distribution.hpp"
#include "engine/sport.hpp"
#include "kernels/baseball/baseball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "models/baseball_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace simbook::engine {

struct BaseballTallies;

//! Race-to-N-runs targets a baseball game offers: N = 1..kBaseballRaceLast.
inline constexpr int kBaseballRaceLast = 10;
//! A baseball game has no clock: ElapsedSeconds counts a nominal kSecondsPerOut per out made, so each half-inning
//! is 3 x kSecondsPerOut and inning k starts at (k - 1) x 6 x kSecondsPerOut.
inline constexpr int kSecondsPerOut = 60;

//! A baseball game: plate appearances over the base-out states (kernels/baseball); the model is kept for the exact
//! chain (engine::ExactBaseball), which prices the same game as the kernel's quantised thresholds.
struct BaseballGame {
    static constexpr const char* kName = "baseball";
    static constexpr SportRules kRules{.races = true,
                                       .race_first = 1,
                                       .race_last = kBaseballRaceLast,
                                       .race_step = 1,
                                       .innings = true,
                                       .main_handicap = 1.5};
    using Outcome = kernels::baseball::BaseballOutcome;
    using State = kernels::baseball::BaseballState;
    using Model = models::BaseballModel;
    using Tallies = BaseballTallies;
    static constexpr std::size_t kScoreDim = 64; //!< runs 0-63 per team in the score grid
    kernels::baseball::BaseballParams params{};
    kernels::baseball::BaseballState state{};
    models::BaseballModel model; //!< what params were made from (the exact chain's input)
};

//! The first pitch: top of the 1st, no outs, bases empty, 0-0, both starters in.
kernels::baseball::BaseballState BaseballFirstPitch();
//! Parses {"inning": 7, "half": "top"|"bottom", "outs": 1, "bases": [1, 3], "home": 3, "away": 2,
//! "home_pitcher": "starter"|"bullpen", "away_pitcher": "starter"|"bullpen"}: bases lists the occupied bases (1, 2,
//! 3, each at most once); every field defaults to the first pitch's. A state the game cannot reach (the home team
//! ahead from the bottom of the 9th on) is refused naming its field.
Result<kernels::baseball::BaseballState> ParseBaseballState(const nlohmann::json& json);
//! The state as JSON, in ParseBaseballState's form.
nlohmann::json BaseballStateJson(const kernels::baseball::BaseballState& state);
//! Outs made before the state (3 per half-inning).
int BaseballOutsMade(const kernels::baseball::BaseballState& state);

//! Simulates paths [first_path, first_path + count) of the game from its state (see kernels/launch.hpp).
[[nodiscard]] Status RunKernel(const BaseballGame& game, std::uint64_t seed, std::uint64_t first_path,
                               std::size_t count, BaseballGame::Outcome* out, const kernels::LaunchConfig& launch);
//! Nominal seconds played at the state: kSecondsPerOut per out made (baseball has no clock).
int ElapsedSeconds(const BaseballGame& game);
//! The score at the state, home and away.
inline std::array<int, 2> CurrentScore(const BaseballGame& game) {
    return {game.state.score[0], game.state.score[1]};
}
//! True at the first pitch (top of the 1st, no outs, bases empty, 0-0).
bool AtStart(const BaseballGame& game);
//! Sets the live state from JSON (null: the first pitch); an impossible state is refused naming its field.
Status SetState(BaseballGame& game, const nlohmann::json& state);
//! The next live state (see engine::AdvanceState): runs ("run") and a starter leaving ("pitching_change") are its
//! key events; the game cannot go back (an earlier half-inning, fewer outs in the same half, a score going down, a
//! starter coming back).
Result<std::vector<KeyEvent>> Advance(BaseballGame& game, const nlohmann::json& state);

//! The baseball model of a source (see engine/game_loader.hpp for the rule): the fitted MLB matchup (league "mlb",
//! engine::FittedMlbMatch), a given model or the example game; home_xg / away_xg are refused.
Result<models::BaseballModel> LoadModel(std::type_identity<BaseballGame>, const GameSource& source,
                                        const FieldNames& field);
//! The game of a model at the first pitch.
Result<BaseballGame> StartGame(const models::BaseballModel& model);
//! Team names: the model's (else "home" and "away").
std::array<std::string, 2> TeamNames(const models::BaseballModel& model, const std::string& home_team,
                                     const std::string& away_team);

//! The exact chain's outputs from the game's state (engine::ExactBaseball on its model).
BaseballExact ExactGame(const BaseballGame& game);
//! The exact final-score distribution of a game from its state (engine::ExactBaseball).
ScoreDistribution ExactFinalScore(const BaseballGame& game);
//! The exact final margin and total from the state (the marginals of ExactFinalScore): the main lines' fast path.
ExactLines ExactMainLines(const BaseballGame& game);

} // namespace simbook::engine
