#include "api/event_listener.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>

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

//! A connection that listens on simbook_events, or nullptr (logged).
PGconn* Connect(const std::string& uri) {
    PGconn* conn = PQconnectdb(uri.c_str());
    if (PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        PGresult* r = PQexec(conn, "LISTEN simbook_events");
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
        backoff_ms = kFirstBackoffMs;
        connected_.store(true);
        notified_("", 0); // notifications sent while this node was not listening are lost: catch up
        while (Sleep(0)) {
            pollfd fd{PQsocket(conn), POLLIN, 0};
            if (poll(&fd, 1, kWaitMs) < 0 && errno != EINTR) {
                break;
            }
            // Reads whatever arrived; a closed or broken connection fails here (or leaves the status bad).
            if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) {
                break;
            }
            while (PGnotify* notice = PQnotifies(conn)) {
                std::string id;
                int version = 0;
                if (ParsePayload(notice->extra, &id, &version)) {
                    notified_(id, version);
                }
                PQfreemem(notice);
            }
        }
        connected_.store(false);
        spdlog::warn("event listener: connection lost: {}", PQerrorMessage(conn));
        PQfinish(conn);
    }
}

} // namespace simbook::api
