#include "api/event_listener.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <vector>

namespace simbook::api {
namespace {

constexpr int kWaitMs = 200;         // the socket wait: how soon a stop is seen
constexpr int kFirstBackoffMs = 100; // the first retry after a lost connection
constexpr int kMaxBackoffMs = 5000;

//! "ID VERSION" as SaveState sends it; false for anything else.
bool ParsePayload(const char* payload, std::string* id, int* version) {
    const char* space = std::strrchr(payload, ' ');
    if (space == nullptr || space == payload) {
        return false;
    }
    const char* end = payload + std::strlen(payload);
    const auto [at, error] = std::from_chars(space + 1, end, *version);
    if (error != std::errc() || at != end) {
        return false;
    }
    id->assign(payload, space);
    return true;
}

//! The notice of one notification; false for a payload or channel it does not know.
bool ReadNotice(const PGnotify& notify, StoreNotice* notice) {
    for (const auto& [channel, kind] : {std::pair{"simbook_bets", StoreNotice::Kind::kBets},
                                        std::pair{"simbook_markets", StoreNotice::Kind::kMarkets}}) {
        if (std::strcmp(notify.relname, channel) == 0) {
            notice->kind = kind;
            notice->id = notify.extra;
            return !notice->id.empty();
        }
    }
    notice->kind = StoreNotice::Kind::kEvent;
    return ParsePayload(notify.extra, &notice->id, &notice->version);
}

//! Every notification that has arrived, once per (kind, event) in the order of their last arrival.
std::vector<StoreNotice> Drain(PGconn* conn) {
    std::vector<StoreNotice> notices;
    while (PGnotify* notify = PQnotifies(conn)) {
        StoreNotice notice;
        if (ReadNotice(*notify, &notice)) {
            notices.erase(
                std::remove_if(notices.begin(), notices.end(),
                               [&notice](const StoreNotice& n) { return n.kind == notice.kind && n.id == notice.id; }),
                notices.end());
            notices.push_back(std::move(notice));
        }
        PQfreemem(notify);
    }
    return notices;
}

//! A connection that listens on simbook_events, simbook_bets and simbook_markets, or nullptr (logged). Named by its
//! process, so that an operator (or a test) can find it in pg_stat_activity.
PGconn* Connect(const std::string& uri) {
    const std::string name = "simbook listener " + std::to_string(::getpid());
    const char* keywords[] = {"dbname", "application_name", nullptr};
    const char* values[] = {uri.c_str(), name.c_str(), nullptr};
    PGconn* conn = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        PGresult* r = PQexec(conn, "LISTEN simbook_events; LISTEN simbook_bets; LISTEN simbook_markets");
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (ok) {
            return conn;
        }
    }
    spdlog::warn("event listener: cannot listen: {}", PQerrorMessage(conn));
    PQfinish(conn);
    return nullptr;
}

} // namespace

EventListener::EventListener(std::string uri, Notified notified)
    : uri_(std::move(uri)), notified_(std::move(notified)), thread_([this] { Run(); }) {}

EventListener::~EventListener() {
    Stop();
}

void EventListener::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

bool EventListener::Sleep(int ms) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_; });
}

void EventListener::Run() {
    int backoff_ms = kFirstBackoffMs;
    while (Sleep(0)) {
        PGconn* conn = Connect(uri_);
        if (conn == nullptr) {
            if (!Sleep(backoff_ms)) {
                return;
            }
            backoff_ms = std::min(2 * backoff_ms, kMaxBackoffMs);
            continue;
        }
        // Notifications sent while this node was not listening are lost: catch up (after LISTEN, so that nothing
        // falls between), then report ready. A catch-up the store did not answer is tried again on a new
        // connection after the backoff, not ready meanwhile.
        if (!notified_(StoreNotice{})) {
            spdlog::warn("event listener: catching up failed; trying again in {} ms", backoff_ms);
            PQfinish(conn);
            if (!Sleep(backoff_ms)) {
                return;
            }
            backoff_ms = std::min(2 * backoff_ms, kMaxBackoffMs);
            continue;
        }
        backoff_ms = kFirstBackoffMs;
        connected_.store(true);
        bool missed = false; // a notice the store did not answer: catch up on a new connection
        while (!missed && Sleep(0)) {
            pollfd fd{PQsocket(conn), POLLIN, 0};
            if (poll(&fd, 1, kWaitMs) < 0 && errno != EINTR) {
                break;
            }
            // Reads whatever arrived; a closed or broken connection fails here (or leaves the status bad).
            if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) {
                break;
            }
            for (const StoreNotice& notice : Drain(conn)) {
                missed = !notified_(notice) || missed;
            }
        }
        connected_.store(false);
        spdlog::warn("event listener: {}: {}", missed ? "a notice was not applied, catching up" : "connection lost",
                     PQerrorMessage(conn));
        PQfinish(conn);
    }
}

} // namespace simbook::api
