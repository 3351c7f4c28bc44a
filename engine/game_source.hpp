//! Where a game comes from, as a caller gives it (see engine/game_loader.hpp for the loading rule).
#pragma once

#include "engine/sport.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace simbook::engine {

struct GameSource {
    Sport sport = Sport::kSoccer;
    std::string league; //!< fitted model: soccer league (premier-league, ...) or "nba"; empty for none
    std::string home_team;
    std::string away_team;
    std::optional<nlohmann::json> model; //!< a model given inline (API) or by file (CLI --params)
    std::optional<double> home_xg;       //!< soccer
    std::optional<double> away_xg;
    nlohmann::json state;   //!< live state (see engine/game_state.hpp); null for the start
    std::string params_dir; //!< folder of the fitted models
};

//! Maps a GameSource field name to the caller's name for it (e.g. "home_xg" -> "--home-xg").
using FieldNames = std::function<std::string(std::string_view)>;

//! A fitted model's error: an unreadable league stays Unavailable (naming the league), anything else is the
//! teams' (an unknown team).
Status FittedError(const Status& status, const FieldNames& field);
//! A given model's parse error, prefixed with the model field.
Status ModelError(const Status& status, const FieldNames& field);

} // namespace simbook::engine
