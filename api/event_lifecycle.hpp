//! An event's life in the service: created (or restored from the store) and priced, its live state updated and
//! repriced, and its markets kept in step with the risk book after every pricing.
#pragma once

#include "api/event_registry.hpp"
#include "api/event_store.hpp"
#include "api/requests.hpp"
#include "api/service_context.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace simbook::api {

//! Creates, prices, stores and registers an event; with restore, a stored event with its state and version
//! (priced again with the same seed, so at the same prices).
std::shared_ptr<Event> AddEvent(ServiceContext& ctx, const CreateEventRequest& request,
                                const StoredEvent* restore = nullptr);

//! Called after each version of an update is stored and in the book, with its stage: "main_lines" (exact
//! events: the main lines alone, from the exact pricer) or "all".
using VersionPublished = std::function<void(const Event& event, const char* stage)>;

//! Applies a live state update: validates it, suspends the markets on key events, reprices, stores the state
//! and syncs the book. A Monte Carlo event gets one new version; an exact event two (its main lines first, then
//! every market). Returns {id, version (the last), last_update, state, key_events}.
//! received: when the request was read (the origin of the update's traced totals in ctx.metrics).
nlohmann::json ApplyState(ServiceContext& ctx, Event& event, const nlohmann::json& body,
                          const VersionPublished& published = {}, std::chrono::steady_clock::time_point received = {});

//! Makes a version another node committed to the shared store this node's: when it is newer than the event's,
//! the stored state is priced here (every market, seeded by its version, so at the prices of the node that took
//! it) and published as that version, through the same steps as ApplyState but without writing it back (so no
//! notification loops). Returns whether the event moved.
bool ApplyCommitted(ServiceContext& ctx, Event& event, const StoredEvent& stored,
                    const VersionPublished& published = {});

//! The publisher of every version to the stream's subscribers: the main lines' odds, pushed through
//! ctx.odds_listener.
VersionPublished PushOdds(ServiceContext& ctx);

//! The current time in UTC, ISO 8601.
std::string UtcNow();

} // namespace simbook::api
