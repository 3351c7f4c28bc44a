//! Loading a game: the one place where a game's model comes from the fitted models, a given model or the
//! defaults, and where a model and a live state become a Game. The CLI, the API, what-if and fantasy all load
//! games here, so one rule holds everywhere:
//!
//!   1. A fitted league (league, home_team, away_team, all three) or a given model, never both; with neither,
//!      the default model (soccer: the generic match; basketball: the example matchup).
//!   2. Soccer only: home_xg / away_xg override the given or default model's expected goals; with a fitted
//!      league they are refused (the league gives them).
//!   3. The live state applies last; none means kick-off / tip-off.
//!
//! Errors name the GameSource field ("league", "home_team", "model", "home_xg", "state"); a caller with other
//! names (CLI options) maps them with the `field` argument.
#pragma once

#include "engine/game_source.hpp"
#include "engine/game_spec.hpp"
#include "engine/key_event.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace simbook::engine {

//! A loaded game in model terms (what-if changes act on it before it becomes kernel parameters).
struct GameModel {
    SportModel model;       //!< the sport's model (engine/sports.hpp)
    nlohmann::json state;   //!< live state; null for the start
    std::string params_dir; //!< fitted models folder (a neutral venue refits the matchup)
    std::string league;     //!< fitted league; empty when not fitted
    std::string home_team;  //!< fitted team names
    std::string away_team;

    Sport sport() const { return static_cast<Sport>(model.index()); }
    //! The sport's model, or null for another sport.
    const models::SoccerModel* soccer() const { return std::get_if<models::SoccerModel>(&model); }
    const models::BasketballModel* basketball() const { return std::get_if<models::BasketballModel>(&model); }
    models::SoccerModel* soccer() { return std::get_if<models::SoccerModel>(&model); }
    models::BasketballModel* basketball() { return std::get_if<models::BasketballModel>(&model); }
    const models::BaseballModel* baseball() const { return std::get_if<models::BaseballModel>(&model); }
    models::BaseballModel* baseball() { return std::get_if<models::BaseballModel>(&model); }
    const models::FootballMatchModel* football() const { return std::get_if<models::FootballMatchModel>(&model); }
    models::FootballMatchModel* football() { return std::get_if<models::FootballMatchModel>(&model); }
};

//! Loads the model by the rule above. InvalidArgument names the field; Unavailable when the fitted league's
//! file cannot be read.
Result<GameModel> LoadGame(const GameSource& source, const FieldNames& field = {});

//! The game of a model at its start: kernel parameters, kick-off / tip-off, names. Errors are the model's.
Result<Game> StartGame(const GameModel& model);
//! Sets the live state from JSON (null: the start); an impossible state is refused naming its field.
Status SetState(Game& game, const nlohmann::json& state);
//! The next live state of a game in play: parses it (InvalidArgument naming its field), checks that it can
//! follow the current one (FailedPrecondition "field: reason" when a score goes down, the clock goes back or a
//! red card is undone), sets it and returns the key events in between.
Result<std::vector<KeyEvent>> AdvanceState(Game& game, const nlohmann::json& state);

//! StartGame then SetState(model.state), with their errors.
Result<Game> MakeGame(const GameModel& model);

//! The model of a game as JSON (for HDF5 attributes and reports).
nlohmann::json ModelJson(const GameModel& model);

} // namespace simbook::engine
