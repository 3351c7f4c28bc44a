//! The changes of a scenario that depend on the sport, per sport (whatif/<sport>/scenario.cpp): how a rating,
//! a pace or a sport's own change reads, and how they apply to the sport's model or game. The generic part of
//! a scenario (whatif/scenario.cpp) dispatches here by the base's model.
#pragma once

#include "models/json_fields.hpp"
#include "whatif/scenario.hpp"

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace simbook::whatif {

//! Reads the change's "team" ("home", "away" or a name): -1 when optional and absent.
using TeamReader = std::function<Result<int>(bool optional)>;

//! Parses a change whose meaning depends on the sport (type "rating", "pace", or a change only the sport has:
//! soccer "red_card", basketball "player_out" and "minutes_cap", baseball "starter_scratched", football
//! "quarterback_out"); std::nullopt when the
//! sport has no change of
//! that type. `c` has its type unset.
std::optional<Result<Change>> ParseSportChange(const models::SoccerModel& model, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team);
std::optional<Result<Change>> ParseSportChange(const models::BasketballModel& model, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team);
std::optional<Result<Change>> ParseSportChange(const models::BaseballModel& model, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team);
std::optional<Result<Change>> ParseSportChange(const models::FootballMatchModel& model, const std::string& type,
                                               const nlohmann::json& j, const std::string& path,
                                               const TeamReader& team);

//! Applies a neutral venue to a fitted model (the game's league and teams); errors prefixed with `path`.
Status ApplyNeutral(models::SoccerModel& model, const GameModel& game, const std::string& path);
Status ApplyNeutral(models::BasketballModel& model, const GameModel& game, const std::string& path);
Status ApplyNeutral(models::BaseballModel& model, const GameModel& game, const std::string& path);
Status ApplyNeutral(models::FootballMatchModel& model, const GameModel& game, const std::string& path);

//! Applies the model changes (rating, pace, availability) in order; errors prefixed with `path`.
Status ApplyModelChanges(models::SoccerModel& model, const std::vector<Change>& changes, const std::string& path);
Status ApplyModelChanges(models::BasketballModel& model, const std::vector<Change>& changes, const std::string& path);
Status ApplyModelChanges(models::BaseballModel& model, const std::vector<Change>& changes, const std::string& path);
Status ApplyModelChanges(models::FootballMatchModel& model, const std::vector<Change>& changes,
                         const std::string& path);

//! Applies the changes that act on the game from its state (soccer: red cards at the state's minute or
//! scheduled later); `item(i)` names change i.
Status ApplyGameChanges(engine::SoccerGame& game, const std::vector<Change>& changes,
                        const std::function<std::string(std::size_t)>& item);
Status ApplyGameChanges(engine::BasketballGame& game, const std::vector<Change>& changes,
                        const std::function<std::string(std::size_t)>& item);
Status ApplyGameChanges(engine::BaseballGame& game, const std::vector<Change>& changes,
                        const std::function<std::string(std::size_t)>& item);
Status ApplyGameChanges(engine::FootballGame& game, const std::vector<Change>& changes,
                        const std::function<std::string(std::size_t)>& item);

//! The models' field readers as the sports' change parsers use them: every field is required, "type" is
//! always allowed.
namespace change_fields {
//! Refuses fields other than "type" and `allowed`.
inline Status CheckFields(const nlohmann::json& j, std::initializer_list<const char*> allowed,
                          const std::string& path) {
    return models::CheckKnownFields(j, allowed, path, {"type"});
}
//! A number in [lo, hi].
inline Result<double> Number(const nlohmann::json& j, const char* name, const std::string& path, double lo, double hi) {
    return models::NumberField(j, name, std::nullopt, path, lo, hi);
}
//! A non-empty string.
inline Result<std::string> Text(const nlohmann::json& j, const char* name, const std::string& path) {
    return models::StringField(j, name, std::nullopt, path);
}
//! Status with `path` in front of its message.
Status Prefix(const Status& s, const std::string& path);
} // namespace change_fields

} // namespace simbook::whatif
