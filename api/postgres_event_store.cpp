// The events table in PostgreSQL, shared by every API node on the database: the highest version wins, and each
// accepted state is announced on the channel simbook_events (NOTIFY, delivered at commit) as "ID VERSION", a new
// event as "ID 0". The version's priced markets are stored with it: the other nodes publish them as they are,
// without pricing the version again. New events' ids are numbered from one sequence, so that no two nodes give the
// same id.
#include "api/event_store.hpp"

#include <libpq-fe.h>

#include <mutex>

namespace simbook::api {
namespace {

constexpr const char* kSchema = R"sql(
SELECT pg_advisory_xact_lock(7262002);
CREATE TABLE IF NOT EXISTS api_events(
    seq BIGSERIAL,
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    state TEXT,
    version INTEGER NOT NULL);
ALTER TABLE api_events ADD COLUMN IF NOT EXISTS priced TEXT;
CREATE SEQUENCE IF NOT EXISTS api_event_ids;
CREATE TABLE IF NOT EXISTS api_claims(task TEXT PRIMARY KEY);
)sql";

class PostgresEventStore final : public EventStore {
public:
    explicit PostgresEventStore(PGconn* conn) : conn_(conn) {}
    ~PostgresEventStore() override { PQfinish(conn_); }
    PostgresEventStore(const PostgresEventStore&) = delete;
    PostgresEventStore& operator=(const PostgresEventStore&) = delete;

    Result<std::vector<StoredEvent>> Load() const override {
        std::lock_guard lock(mutex_);
        return Rows(Exec("SELECT id, created, state, version FROM api_events ORDER BY seq", {}));
    }

    Result<StoredEvent> LoadEvent(const std::string& id) const override {
        std::lock_guard lock(mutex_);
        auto rows = Rows(Exec("SELECT id, created, state, version, priced FROM api_events WHERE id = $1", {id}));
        if (!rows.ok()) {
            return rows.status();
        }
        if (rows.value().empty()) {
            return Status(StatusCode::kNotFound, "event store: no event " + id);
        }
        return std::move(rows.value().front());
    }

    Status Insert(const StoredEvent& event) override {
        std::lock_guard lock(mutex_);
        const std::string state = event.state.is_null() ? "" : event.state.dump();
        const char* values[] = {event.id.c_str(), nullptr, event.state.is_null() ? nullptr : state.c_str(), nullptr};
        const std::string created = event.created.dump();
        const std::string version = std::to_string(event.version);
        values[1] = created.c_str();
        values[3] = version.c_str();
        // The notice goes out at the commit: the other nodes add the event.
        PGresult* r = PQexecParams(conn_,
                                   "WITH added AS (INSERT INTO api_events(id, created, state, version) "
                                   "VALUES($1, $2, $3, $4) RETURNING id, version) "
                                   "SELECT pg_notify('simbook_events', id || ' ' || version) FROM added",
                                   4, nullptr, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            return Error(r, "insert");
        }
        PQclear(r);
        return Status::Ok();
    }

    Result<std::optional<std::int64_t>> NextEventNumber() override {
        std::lock_guard lock(mutex_);
        PGresult* r = Exec("SELECT nextval('api_event_ids')", {});
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            return Error(r, "next event id");
        }
        const std::int64_t number = std::stoll(PQgetvalue(r, 0, 0));
        PQclear(r);
        return std::optional<std::int64_t>(number);
    }

    Status SaveState(const std::string& id, const nlohmann::json& state, int version,
                     const nlohmann::json& priced) override {
        std::lock_guard lock(mutex_);
        const std::string text = state.dump();
        const std::string number = std::to_string(version);
        const std::string prices = priced.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        // One statement, one transaction: the row moves forward only, and the notice goes out at its commit.
        PGresult* r =
            Exec("WITH moved AS (UPDATE api_events SET state = $2, version = $3, priced = $4 WHERE id = $1 "
                 "AND version < $3 RETURNING id) SELECT pg_notify('simbook_events', id || ' ' || $3) FROM moved",
                 {id, text, number, prices});
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            return Error(r, "write");
        }
        const bool moved = PQntuples(r) == 1;
        PQclear(r);
        if (!moved) {
            return {StatusCode::kFailedPrecondition,
                    "event " + id + " already has version " + number + " or later (another node stored it)"};
        }
        return Status::Ok();
    }

    Result<bool> ClaimOnce(const std::string& task) override {
        std::lock_guard lock(mutex_);
        PGresult* r = Exec("INSERT INTO api_claims(task) VALUES($1) ON CONFLICT DO NOTHING RETURNING task", {task});
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            return Error(r, "claim");
        }
        const bool claimed = PQntuples(r) == 1;
        PQclear(r);
        return claimed;
    }

    bool Shared() const override { return true; }

    bool Reachable() override {
        std::lock_guard lock(mutex_);
        PGresult* r = Exec("SELECT 1", {});
        const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
        PQclear(r);
        return ok;
    }

private:
    // The events of one query's result (consumed), with mutex_ held.
    Result<std::vector<StoredEvent>> Rows(PGresult* r) const {
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            return Error(r, "read");
        }
        std::vector<StoredEvent> events;
        for (int i = 0; i < PQntuples(r); ++i) {
            StoredEvent e;
            e.id = PQgetvalue(r, i, 0);
            e.created = nlohmann::json::parse(PQgetvalue(r, i, 1), nullptr, false);
            e.state =
                PQgetisnull(r, i, 2) ? nlohmann::json() : nlohmann::json::parse(PQgetvalue(r, i, 2), nullptr, false);
            e.version = std::stoi(PQgetvalue(r, i, 3));
            if (PQnfields(r) > 4 && !PQgetisnull(r, i, 4)) { // LoadEvent: the version's prices, when stored
                e.priced = nlohmann::json::parse(PQgetvalue(r, i, 4), nullptr, false);
            }
            if (e.created.is_discarded() || e.state.is_discarded() || e.priced.is_discarded()) {
                PQclear(r);
                return Status(StatusCode::kInternal, "event store: event " + e.id + " is not valid JSON");
            }
            events.push_back(std::move(e));
        }
        PQclear(r);
        return events;
    }

    // Runs with mutex_ held; a connection the server dropped is reset first.
    PGresult* Exec(const char* sql, const std::vector<std::string>& params) const {
        if (PQstatus(conn_) != CONNECTION_OK) {
            PQreset(conn_);
        }
        std::vector<const char*> values;
        for (const std::string& p : params) {
            values.push_back(p.c_str());
        }
        return PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    }
    Status Error(PGresult* r, const std::string& what) const {
        PQclear(r);
        return {StatusCode::kUnavailable, "event store: " + what + ": " + PQerrorMessage(conn_)};
    }

    PGconn* conn_;
    mutable std::mutex mutex_;
};

} // namespace

Result<std::unique_ptr<EventStore>> OpenPostgresEventStore(const std::string& uri) {
    PGconn* conn = PQconnectdb(uri.c_str());
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    std::unique_ptr<EventStore> store(new PostgresEventStore(conn));
    if (PQstatus(conn) != CONNECTION_OK) {
        return Status(StatusCode::kUnavailable, "event store: cannot connect to " + uri + ": " + PQerrorMessage(conn));
    }
    PGresult* r = PQexec(conn, kSchema);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    if (!ok) {
        return Status(StatusCode::kUnavailable, std::string("event store: schema: ") + PQerrorMessage(conn));
    }
    return store;
}

} // namespace simbook::api
