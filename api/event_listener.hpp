//! EventListener: a node's LISTEN on the shared store's channel simbook_events, so that a state update another
//! node commits reaches this node's odds and subscribers (PostgreSQL only; an embedded store has one node).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace simbook::api {

//! Follows the notifications of one PostgreSQL database on a connection of its own, on a thread of its own.
class EventListener {
public:
    //! Called on the listener's thread with (event id, version) for each notification; with ("", 0) after each
    //! (re)connection, when notifications may have been missed, so that the node catches up from the store.
    using Notified = std::function<void(const std::string& id, int version)>;

    //! Starts listening on `uri`; a lost connection is retried with backoff (0.1 s doubling up to 5 s).
    EventListener(std::string uri, Notified notified);
    //! Stops (Stop).
    ~EventListener();
    EventListener(const EventListener&) = delete;
    EventListener& operator=(const EventListener&) = delete;

    //! Stops listening and joins the thread: within about the wait timeout (0.2 s) plus the callback in
    //! progress. Idempotent; call it from one thread.
    void Stop();

    //! Whether the LISTEN connection is up now (for /v1/ready).
    bool Connected() const { return connected_.load(); }

private:
    void Run();
    //! Sleeps up to `ms` milliseconds or until stopped; false when stopped.
    bool Sleep(int ms);

    std::string uri_;
    Notified notified_;
    std::atomic<bool> connected_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false; // under mutex_
    std::thread thread_;
};

} // namespace simbook::api
