//! Games between teams of the fitted models committed in models/params (or another folder of the same layout).
#pragma once

#include "kernels/core/result.hpp"
#include "models/basketball_model.hpp"
#include "models/dixon_coles.hpp"
#include "models/soccer_model.hpp"

#include <string>

namespace simbook::models {

//! The Dixon-Coles fit of a soccer league, `<params_dir>/soccer/<league>.json`. NotFound, without a server path,
//! when `league` is not a league key (1-64 of a-z, 0-9, '-', '_') or has no file; Unavailable when the file is
//! unreadable or malformed (a deployment fault, not the caller's).
Result<DixonColesModel> LoadSoccerLeague(const std::string& params_dir, const std::string& league);

//! A soccer fixture from `<params_dir>/soccer/<league>.json` (a `simbook fit` Dixon-Coles file): the default
//! SoccerModel with the fixture's expected goals. The errors of LoadSoccerLeague; InvalidArgument naming the team
//! when a team is not in the model. `neutral`: a neutral venue, without the home advantage.
Result<SoccerModel> FittedSoccerMatch(const std::string& params_dir, const std::string& league, const std::string& home,
                                      const std::string& away, bool neutral = false);

//! A basketball game from `<params_dir>/nba/2023-24.json` (see MakeMatchup, with the league's home advantage).
//! Unavailable when the file cannot be read; InvalidArgument naming an unknown team.
Result<BasketballModel> FittedNbaMatch(const std::string& params_dir, const std::string& home, const std::string& away);

} // namespace simbook::models
