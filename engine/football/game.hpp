//! American football in the engine: the game (kernel parameters, live state and the match model, kernels/football),
//! its traits, its live state from JSON and its model. Registered as a sport in engine/sports.hpp.
#pragma once

#include "engine/football/exact.hpp"
#include "engine/game_source.hpp"
#include "engine/key_event.hpp"
#include "engine/score_distribution.hpp"
#include "engine/sport.hpp"
#include "kernels/core/result.hpp"
#include "kernels/football/football_params.hpp"
#include "kernels/launch.hpp"
#include "models/football_fitted.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace simbook::engine {

struct FootballTallies;

//! Seconds of an NFL quarter.
inline constexpr int kFootballQuarterSeconds = 900;

//! What a live state says beyond the kernel's state: the drive in progress (yard line, down and distance) and the
//! clock as posted.
struct FootballLive {
    int quarter = 1;         //!< 1..4
    int clock_seconds = 900; //!< seconds left in the quarter
    int yard_line = -1;      //!< 0-100 from the offence's own goal line; -1 not given (a normal-field drive)
    int down = 0;            //!< 1..4; 0 not given
    int distance = 0;        //!< yards to go; 0 not given
};

//! An American football game: alternating drives (kernels/football). With the model's clock the paths play the
//! clock (quarters, ends of halves, urgency); without it they play a drive count, the game the exact convolution
//! (engine::ExactFootball) prices.
struct FootballGame {
    static constexpr const char* kName = "football";
    static constexpr SportRules kRules{.quarters = true,
                                       .game_can_draw = true,
                                       .races = true,
                                       .race_first = kernels::football::kRaceFirst,
                                       .race_last =
                                           kernels::football::kRaceFirst +
                                           (kernels::football::kRaceTargets - 1) * kernels::football::kRaceStep,
                                       .race_step = kernels::football::kRaceStep,
                                       .periods_from_state = true,
                                       .quarter_seconds = kFootballQuarterSeconds,
                                       .score_types = true,
                                       .margin_band = 6,
                                       .moneyline_push = true};
    using Outcome = kernels::football::FootballOutcome;
    using State = kernels::football::FootballState;
    using Model = models::FootballMatchModel;
    using Tallies = FootballTallies;
    static constexpr std::size_t kScoreDim = 96; //!< points 0-95 per team in the score grid
    kernels::football::FootballParams params{};
    kernels::football::FootballState state{};
    FootballLive live{};
    models::FootballMatchModel model; //!< what params were made from
};

//! The kick-off: 1st quarter, 15:00, 0-0, the opening kickoff's receiver a coin toss.
kernels::football::FootballState FootballKickoff();
//! Parses {"quarter": 1..4, "clock": "mm:ss" or seconds left in the quarter, "home": 10, "away": 7,
//! "possession": "home"|"away", "yard_line": 0..100 (from the offence's own goal line), "down": 1..4,
//! "distance": yards to go, "received_opening_kickoff": "home"|"away", "turnover": true (the ball changed hands
//! on a turnover: the drive starts on a short field)}; every field optional (the kick-off's). A yard line needs
//! the team in possession, down and distance need a yard line and each other, distance at most the yards to the
//! goal line; the clock cannot read 0:00 in the 4th (overtime states are not taken). Errors name the field.
Result<kernels::football::FootballState> ParseFootballState(const FootballGame& game, const nlohmann::json& json,
                                                            FootballLive* live = nullptr);
//! The state as JSON, in ParseFootballState's form.
nlohmann::json FootballStateJson(const FootballGame& game);
//! Regulation drives played by the expected share of the game at `seconds_left` (the no-clock game's position).
int FootballDrivesDone(const kernels::football::FootballParams& params, int seconds_left);

//! Simulates paths [first_path, first_path + count) of the game from its state (see kernels/launch.hpp).
[[nodiscard]] Status RunKernel(const FootballGame& game, std::uint64_t seed, std::uint64_t first_path,
                               std::size_t count, FootballGame::Outcome* out, const kernels::LaunchConfig& launch);
//! Regulation seconds played at the state.
int ElapsedSeconds(const FootballGame& game);
//! The score at the state, home and away.
inline std::array<int, 2> CurrentScore(const FootballGame& game) {
    return {game.state.score[0], game.state.score[1]};
}
//! True at the kick-off (1st quarter, 15:00, 0-0, no drive in progress).
bool AtStart(const FootballGame& game);
//! Sets the live state from JSON (null: the kick-off); a bad state is refused naming its field.
Status SetState(FootballGame& game, const nlohmann::json& state);
//! The next live state (see engine::AdvanceState): "touchdown", "field_goal", "safety" (from the points scored)
//! and "turnover" (the state says so) are its key events; the clock cannot go back and a score cannot go down.
Result<std::vector<KeyEvent>> Advance(FootballGame& game, const nlohmann::json& state);

//! The football model of a source (see engine/game_loader.hpp): the fitted NFL matchup (league "nfl",
//! models::FittedNflMatch), a given model or the example game; home_xg / away_xg are refused.
Result<models::FootballMatchModel> LoadModel(std::type_identity<FootballGame>, const GameSource& source,
                                             const FieldNames& field);
//! The game of a model at the kick-off.
Result<FootballGame> StartGame(const models::FootballMatchModel& model);
//! Team names: the model's (else "home" and "away").
std::array<std::string, 2> TeamNames(const models::FootballMatchModel& model, const std::string& home_team,
                                     const std::string& away_team);

//! The no-clock twin of a game at its state: the same teams and rules playing a drive count, from the drive the
//! state's clock corresponds to (FootballDrivesDone). The game itself when it has no clock.
FootballGame NoClockGame(const FootballGame& game);
//! The exact final-score distribution (engine::ExactFootball) of the game's no-clock twin: exact for a game
//! without the clock, the clock-free approximation otherwise (no ends of halves or urgency by time).
ScoreDistribution ExactFinalScore(const FootballGame& game);
//! The exact final margin and total (the marginals of ExactFinalScore): the main lines' fast path.
ExactLines ExactMainLines(const FootballGame& game);

} // namespace simbook::engine
