//! DeferredSync: a scope in which the ledger writes made on this thread skip their own sync to disk, because a
//! synced commit that follows covers them (a live update's reprices before its first push).
#pragma once

namespace simbook::odds::risk {

//! While alive, the calling thread's market and audit writes to an embedded (SQLite, WAL) ledger or event store are
//! committed without waiting for the disk: they are in the write-ahead log when the call returns, so a crash of the
//! process keeps them, and the next synced commit on the same file (a bet, a settlement, a write outside any
//! DeferredSync) makes them durable against a power failure too, since the log is synced as a whole and replayed in
//! order. Bets are always synced. PostgreSQL ledgers ignore it. Scopes nest.
class DeferredSync {
public:
    DeferredSync() : outer_(active_) { active_ = true; }
    ~DeferredSync() { active_ = outer_; }
    DeferredSync(const DeferredSync&) = delete;
    DeferredSync& operator=(const DeferredSync&) = delete;

    //! Whether the calling thread is inside a DeferredSync.
    static bool Active() { return active_; }

private:
    static inline thread_local bool active_ = false;
    bool outer_;
};

} // namespace simbook::odds::risk
