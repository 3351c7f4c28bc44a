#include "api/event_registry.hpp"

#include "api/errors.hpp"

namespace simbook::api {

std::string EventRegistry::NextId() {
    return id_prefix_ + "-" + std::to_string(next_.fetch_add(1));
}

void EventRegistry::Add(std::shared_ptr<Event> event) {
    std::lock_guard lock(mutex_);
    order_.push_back(event->id);
    events_[event->id] = std::move(event);
}

std::shared_ptr<Event> EventRegistry::Find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = events_.find(id);
    if (it == events_.end()) {
        throw NotFound("event '" + id + "'");
    }
    return it->second;
}

std::vector<std::string> EventRegistry::Ids() const {
    std::lock_guard lock(mutex_);
    return order_;
}

} // namespace simbook::api
