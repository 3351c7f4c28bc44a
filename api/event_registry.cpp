#include "api/event_registry.hpp"

#include "api/errors.hpp"

namespace simbook::api {

std::string EventRegistry::NextId(std::optional<std::int64_t> shared) {
    std::string id =
        id_prefix_ + "-" + std::to_string(shared ? *shared : static_cast<std::int64_t>(next_.fetch_add(1)));
    std::lock_guard lock(mutex_);
    creating_.insert(id);
    return id;
}

bool EventRegistry::Add(std::shared_ptr<Event> event) {
    std::lock_guard lock(mutex_);
    creating_.erase(event->id);
    if (events_.count(event->id) != 0) {
        return false;
    }
    order_.push_back(event->id);
    events_[event->id] = std::move(event);
    return true;
}

bool EventRegistry::Known(const std::string& id) const {
    std::lock_guard lock(mutex_);
    return events_.count(id) != 0 || creating_.count(id) != 0;
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
