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

//! What another node (or this one) committed to the shared store, as the listener hands it on.
struct StoreNotice {
    enum class Kind {
        kCatchUp, //!< after each (re)connection: notices may have been missed, re-read every event's latest
        kEvent,   //!< an event was created (version 0) or took a state (simbook_events, "ID VERSION")
        kBets,    //!< bets on the event were committed (simbook_bets, "ID")
        kMarkets, //!< the event's markets were opened, suspended, reopened or settled (simbook_markets, "ID")
    };
    Kind kind = Kind::kCatchUp;
    std::string id; //!< the event (empty for kCatchUp)
    int version = 0;
};

//! Follows the notifications of one PostgreSQL database on a connection of its own, on a thread of its own.
class EventListener {
public:
    //! Called on the listener's thread for each notice; the notices that arrived together are handed on once per
    //! event and kind (the store is read again anyway). kCatchUp comes after each (re)connection, before
    //! Connected() turns true. Returns false when the store did not answer (the notice is not applied): the
    //! listener then reconnects and catches up (after the backoff when it was the catch-up that failed).
    using Notified = std::function<bool(const StoreNotice& notice)>;

    //! Starts listening on `uri` (as application_name "simbook listener PID"); a lost connection is retried with
    //! backoff (0.1 s doubling up to 5 s).
    EventListener(std::string uri, Notified notified);
    //! Stops (Stop).
    ~EventListener();
    EventListener(const EventListener&) = delete;
    EventListener& operator=(const EventListener&) = delete;

    //! Stops listening and joins the thread: within about the wait timeout (0.2 s) plus the callback in
    //! progress. Idempotent; call it from one thread.
    void Stop();

    //! Whether the LISTEN connection is up and the node has caught up on it (for /v1/ready).
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
