//! The events in the public feed shapes: an event with its live state, and its odds (the public odds-feed
//! shape, decimal or American, cached per version and query).
#pragma once

#include "api/event_registry.hpp"
#include "odds/risk/book.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace simbook::api {

//! {id, sport, sport_key, league, commence_time, home_team, away_team, version, last_update, state}.
nlohmann::json EventJson(const Event& event);
//! The book's markets of an event that are not open (suspended, in manual review, settled), by market name.
using ClosedMarkets = std::map<std::string, odds::risk::MarketState>;
//! The closed markets of an event in `book` (none without a book).
ClosedMarkets ClosedMarketsOf(const odds::risk::RiskBook* book, const std::string& event_id);
//! The event's odds: markets is a comma-separated list of feed keys, format "decimal" or "american";
//! InvalidArgument (markets, oddsFormat) otherwise. A market in `closed` carries "suspended": true and its "state"
//! (suspended, manual_review, settled): its prices are shown, but the book takes no bet on it.
nlohmann::json OddsJson(const Event& event, const std::string& markets, const std::string& format,
                        const ClosedMarkets& closed = {});
//! Checks an odds query as OddsJson does (for a list that may hold no event); InvalidArgument otherwise.
void CheckOddsQuery(const std::string& markets, const std::string& format);
//! OddsJson as text with the book's closed markets, cached per version, query and book state generation (at most 64
//! queries a version).
std::string OddsText(Event& event, const odds::risk::RiskBook* book, const std::string& markets,
                     const std::string& format);

} // namespace simbook::api
