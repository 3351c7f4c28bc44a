//! Scenarios: lists of changes against a base game (player out, minutes cap, team rating, pace, red card at a
//! minute, another live state, neutral venue), validated as a whole and applied to the base's models.
#pragma once

#include "engine/game_loader.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/core/result.hpp"
#include "models/baseball_model.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"
#include "whatif/path_markets.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace simbook::whatif {

//! Most points a sweep may have.
inline constexpr int kMaxSweepPoints = 41;
//! Most changes one scenario may list.
inline constexpr int kMaxChanges = 32;

//! The base of a what-if: the loaded models (not yet kernel parameters, so that changes act in model terms) and
//! the live state. A fitted origin (league and teams) is needed for a neutral venue, which refits the matchup.
using engine::GameModel;

//! What a change does.
enum class ChangeType {
    kPlayerOut,
    kMinutesCap,
    kRating,
    kPace,
    kRedCard,
    kState,
    kNeutralVenue,
    kStarterScratched,
    kQuarterbackOut
};

//! One change of a scenario, as parsed from JSON (see ParseChange for the fields).
struct Change {
    ChangeType type = ChangeType::kState;
    int team = -1;        //!< 0 home, 1 away, -1 both / not applicable
    std::string player;   //!< kPlayerOut, kMinutesCap
    double minutes = 0.0; //!< kMinutesCap: cap in [0, 48]; kRedCard: football minute 0-90; kStarterScratched: innings
    //! kRating (soccer xg), kPace (basketball possessions per 48 minutes) or kQuarterbackOut (points lost)
    std::optional<double> value;
    std::optional<double> mult; //!< kRating (soccer xg_mult) or kPace (multiplier)
    nlohmann::json fields;      //!< kRating (basketball): TeamModel fields to set; kState: the state
};

//! Parses one change; `path` prefixes error fields ("scenario[2]"). The JSON forms:
//!   {"type": "player_out", "player": NAME}                                  basketball
//!   {"type": "minutes_cap", "player": NAME, "minutes": 0..48}               basketball
//!   {"type": "rating", "team": T, "xg": x | "xg_mult": m}                   soccer: expected goals
//!   {"type": "rating", "team": T, "two_pct": .., "three_pct": .., ...}      basketball: TeamModel rates
//!   {"type": "pace", "mult": m}                                             soccer: both teams' goal rates
//!   {"type": "pace", "team"?: T, "pace": x | "mult": m}                     basketball: possessions per 48
//!   {"type": "red_card", "team": T, "minute": 0..90}                        soccer: at the state's minute or later
//!   {"type": "starter_scratched", "team": T, "innings"?: 0..9}              baseball: the team's pitching starts
//!                                                                           (innings: the replacement's length)
//!   {"type": "quarterback_out", "team": T, "points"?: 0..14}                football: the team's expected points
//!                                                                           less `points` (default 4)
//!   {"type": "state", "state": {...}}                                       another live state
//!   {"type": "neutral_venue"}                                               home advantage off (fitted models)
//! T is "home", "away" or the team's name. Unknown fields are refused.
Result<Change> ParseChange(const nlohmann::json& json, const std::string& path, const GameModel& base);

//! Parses a scenario (a JSON array of changes, at most kMaxChanges) and checks that no two changes
//! contradict each other (two states, the same rating field twice, xg and xg_mult of one team, two paces of
//! one team, two scheduled red cards for one team, neutral venue twice).
Result<std::vector<Change>> ParseScenario(const nlohmann::json& json, const std::string& path, const GameModel& base);

//! The base game ready to simulate.
Result<GameSpec> BuildBase(const GameModel& base);
//! The base with the changes applied, ready to simulate; errors name the change ("scenario[1].player").
Result<GameSpec> BuildScenario(const GameModel& base, const std::vector<Change>& changes, const std::string& path);

//! A sweep: one numeric field of one change over a range.
struct Sweep {
    nlohmann::json change; //!< the change, its swept field set per point
    std::string field;     //!< the swept field
    std::vector<double> values;
};

//! Parses {"type": ..., ..., FIELD: {"from": a, "to": b, "step": s}} (exactly one field given as a range;
//! at most kMaxSweepPoints points, step > 0, to >= from).
Result<Sweep> ParseSweep(const nlohmann::json& json, const std::string& path);
//! The change of sweep point i.
nlohmann::json SweepChange(const Sweep& sweep, std::size_t i);

} // namespace simbook::whatif
