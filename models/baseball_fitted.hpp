//! A baseball fit as a file: models::FittedBaseball to and from JSON, and the fitted MLB matchup that
//! `--league mlb --home NYA --away BOS` loads (params_dir/mlb/teams.json, written by `simbook fit --sport baseball`).
#pragma once

#include "kernels/core/result.hpp"
#include "models/baseball_fit.hpp"
#include "models/baseball_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace simbook::models {

//! The file of a fit: {"model": "baseball-pa", "sport": "baseball", "league": "mlb", "before": "YYYY-MM-DD",
//! "games", "league_rates", "running", "starter_innings", "home_run_factor", "inning_factors", "day_sd",
//! "park_factors": {park: factor}, "teams": {code: {"batting", "pitching", "home_park"}}, "starters": {id: {"name",
//! "team", "starts", "rates"}}, "assumptions": [...]}; rates as BaseballModelFromJson's.
nlohmann::json FittedBaseballToJson(const FittedBaseball& fit);
//! Reads FittedBaseballToJson's form; errors name the field by its path.
Result<FittedBaseball> FittedBaseballFromJson(const nlohmann::json& json);

//! The fitted MLB teams' file under a params folder: params_dir/mlb/teams.json.
std::string FittedMlbPath(const std::string& params_dir);

//! A game between two fitted MLB teams (Retrosheet codes, "NYA"), each optionally with its starter's Retrosheet id
//! after a slash ("NYA/sevel001"; without one the team's pitching starts), in the home team's park
//! (MakeBaseballMatchup). Unavailable when the file cannot be read; InvalidArgument naming an unknown team.
Result<BaseballModel> FittedMlbMatch(const std::string& params_dir, const std::string& home, const std::string& away);

} // namespace simbook::models
