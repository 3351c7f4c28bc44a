//! An event's life in the service: created (or restored from the store) and priced, its live state updated and
//! repriced, and its markets kept in step with the risk book after every pricing.
#pragma once

#include "api/event_registry.hpp"
#include "api/event_store.hpp"
#include "api/requests.hpp"
#include "api/service_context.hpp"

#include <nlohmann/json.hpp>

#include <memory>

namespace simbook::api {

//! Creates, prices, stores and registers an event; with restore, a stored event with its state and version
//! (priced again with the same seed, so at the same prices).
std::shared_ptr<Event> AddEvent(ServiceContext& ctx, const CreateEventRequest& request,
                                const StoredEvent* restore = nullptr);

//! Applies a live state update: validates it, suspends the markets on key events, reprices, stores the state
//! and syncs the book. Returns {id, version, last_update, state, key_events}.
nlohmann::json ApplyState(ServiceContext& ctx, Event& event, const nlohmann::json& body);

//! The current time in UTC, ISO 8601.
std::string UtcNow();

} // namespace simbook::api
