//! The events in the public feed shapes: an event with its live state, and its odds (the public odds-feed
//! shape, decimal or American, cached per version and query).
#pragma once

#include "api/event_registry.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace simbook::api {

//! {id, sport, sport_key, league, commence_time, home_team, away_team, version, last_update, state}.
nlohmann::json EventJson(const Event& event);
//! The event's odds: markets is a comma-separated list of feed keys, format "decimal" or "american";
//! InvalidArgument (markets, oddsFormat) otherwise.
nlohmann::json OddsJson(const Event& event, const std::string& markets, const std::string& format);
//! Checks an odds query as OddsJson does (for a list that may hold no event); InvalidArgument otherwise.
void CheckOddsQuery(const std::string& markets, const std::string& format);
//! OddsJson as text, cached per version and query (at most 64 queries a version).
std::string OddsText(Event& event, const std::string& markets, const std::string& format);

} // namespace simbook::api
