//! Player availability overrides for a basketball model: a player ruled out or held to a minutes cap, the
//! freed minutes going to his available teammates. Used by fantasy projections and traders' what-if runs.
#pragma once

#include "kernels/core/result.hpp"
#include "models/basketball_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace simbook::models {

//! Most minutes one player can play in regulation.
inline constexpr double kRegulationMinutes = 48.0;

//! One override: the player (by exact roster name) is out, or plays at most max_minutes.
struct AvailabilityOverride {
    std::string player;
    bool out = false;
    std::optional<double> max_minutes; //!< in [0, 48]; ignored when out
};

//! Applies the overrides to the model's rosters. A player out keeps his roster slot with 0 minutes (his
//! box line stays, all zeros). Each team's total minutes are kept: the minutes taken away are shared among
//! the team's other players in proportion to their minutes, none above 48 and none above his own cap.
//! InvalidArgument (model unchanged) for an unknown player, a player named twice, a cap outside [0, 48],
//! or a team left without minutes.
Status ApplyAvailability(BasketballModel& model, const std::vector<AvailabilityOverride>& overrides);

//! Reads [{"player": name, "out": bool?, "max_minutes": x?}, ...]; errors name "path[i].field".
Result<std::vector<AvailabilityOverride>> AvailabilityFromJson(const nlohmann::json& json, const std::string& path);

} // namespace simbook::models
