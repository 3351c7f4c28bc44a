//! Live game states from JSON, validated: an impossible state is refused with the field that is wrong.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <nlohmann/json_fwd.hpp>

namespace simbook::engine {

//! The kick-off state.
kernels::soccer::SoccerState SoccerKickOff();

//! Parses {"minute": 60, "home": 1, "away": 0, "half": 2, "stoppage": 0, "red_home": 0, "red_away": 0,
//! "ht_home": 0, "ht_away": 0, "last_leader": "home"|"away"|"none", "finished": false}. minute is the
//! football minute 0-90; minute 45 (90) with "stoppage": s is s minutes into that half's stoppage time.
//! half defaults to 1 up to minute 45, else 2. ht_* default to the current score.
Result<kernels::soccer::SoccerState> ParseSoccerState(const nlohmann::json& json,
                                                      const kernels::soccer::SoccerParams& params);

//! The tip-off state (possession decided by a fair coin).
kernels::basketball::BasketballState BasketballTipOff();

//! Parses {"period": 4, "clock": "8:00" or seconds, "home": 92, "away": 89, "possession": "home"|"away"|null,
//! "last_leader": ..., "finished": false}. Periods 1-4 are quarters (12:00), 5+ overtimes (5:00).
Result<kernels::basketball::BasketballState> ParseBasketballState(const nlohmann::json& json);

} // namespace simbook::engine
