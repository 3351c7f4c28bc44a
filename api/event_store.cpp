#include "api/event_store.hpp"

#include "odds/risk/deferred_sync.hpp"
#include "odds/risk/postgres_ledger.hpp"

#include <sqlite3.h>

#include <mutex>

namespace simbook::api {
namespace {

class SqliteEventStore final : public EventStore {
public:
    explicit SqliteEventStore(sqlite3* db) : db_(db) {}
    ~SqliteEventStore() override { sqlite3_close(db_); }
    SqliteEventStore(const SqliteEventStore&) = delete;
    SqliteEventStore& operator=(const SqliteEventStore&) = delete;

    Result<std::vector<StoredEvent>> Load() const override;
    Status Insert(const StoredEvent& event) override;
    Status SaveState(const std::string& id, const nlohmann::json& state, int version,
                     const nlohmann::json& priced) override;

private:
    Status Exec(const std::string& sql, const std::vector<std::string>& text, std::int64_t number = -1) const;

    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
};

Status SqlError(sqlite3* db, const std::string& what) {
    return {StatusCode::kUnavailable, "event store: " + what + ": " + sqlite3_errmsg(db)};
}

} // namespace

Result<StoredEvent> EventStore::LoadEvent(const std::string& id) const {
    auto all = Load();
    if (!all.ok()) {
        return all.status();
    }
    for (StoredEvent& e : all.value()) {
        if (e.id == id) {
            return std::move(e);
        }
    }
    return Status(StatusCode::kNotFound, "event store: no event " + id);
}

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path) {
    if (odds::risk::IsPostgresUri(path)) {
        return OpenPostgresEventStore(path);
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        Status error = SqlError(db, "cannot open " + path);
        sqlite3_close(db);
        return error;
    }
    std::unique_ptr<EventStore> store(new SqliteEventStore(db));
    sqlite3_busy_timeout(db, 5000);
    const char* schema = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                         "CREATE TABLE IF NOT EXISTS api_events (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " id TEXT UNIQUE NOT NULL, created TEXT NOT NULL, state TEXT, version INTEGER NOT NULL);";
    if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return SqlError(db, "schema");
    }
    return store;
}

namespace {

Status SqliteEventStore::Exec(const std::string& sql, const std::vector<std::string>& text, std::int64_t number) const {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        return SqlError(db_, "prepare");
    }
    int index = 1;
    for (const std::string& t : text) {
        sqlite3_bind_text(statement, index++, t.c_str(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    }
    if (number >= 0) {
        sqlite3_bind_int64(statement, index, number);
    }
    const int rc = sqlite3_step(statement);
    sqlite3_finalize(statement);
    return rc == SQLITE_DONE ? Status::Ok() : SqlError(db_, "write");
}

Result<std::vector<StoredEvent>> SqliteEventStore::Load() const {
    std::lock_guard lock(mutex_);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT id, created, state, version FROM api_events ORDER BY seq", -1, &statement,
                           nullptr) != SQLITE_OK) {
        return SqlError(db_, "prepare");
    }
    std::vector<StoredEvent> events;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        auto column = [statement](int i) {
            const unsigned char* text = sqlite3_column_text(statement, i);
            return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
        };
        StoredEvent e;
        e.id = column(0);
        e.created = nlohmann::json::parse(column(1), nullptr, false);
        const std::string state = column(2);
        e.state = state.empty() ? nlohmann::json() : nlohmann::json::parse(state, nullptr, false);
        e.version = sqlite3_column_int(statement, 3);
        if (e.created.is_discarded() || e.state.is_discarded()) {
            sqlite3_finalize(statement);
            return Status(StatusCode::kInternal, "event store: event " + e.id + " is not valid JSON");
        }
        events.push_back(std::move(e));
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        return SqlError(db_, "read");
    }
    return events;
}

Status SqliteEventStore::Insert(const StoredEvent& event) {
    std::lock_guard lock(mutex_);
    return Exec("INSERT INTO api_events (id, created, state, version) VALUES (?, ?, ?, ?)",
                {event.id, event.created.dump(), event.state.is_null() ? "" : event.state.dump()}, event.version);
}

Status SqliteEventStore::SaveState(const std::string& id, const nlohmann::json& state, int version,
                                   const nlohmann::json& /*priced*/) { // one node: nobody to hand the prices to
    std::lock_guard lock(mutex_);
    if (odds::risk::DeferredSync::Active()) {
        // A live update's first stage: in the log now, synced with the update's last version (the ledger's file).
        // No checkpoint either (it syncs the database file): the next synced commit runs it.
        sqlite3_exec(db_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
        sqlite3_wal_autocheckpoint(db_, 0);
        Status saved =
            Exec("UPDATE api_events SET state = ?1, version = ?3 WHERE id = ?2", {state.dump(), id}, version);
        sqlite3_wal_autocheckpoint(db_, 1000); // SQLite's default
        sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
        return saved;
    }
    return Exec("UPDATE api_events SET state = ?1, version = ?3 WHERE id = ?2", {state.dump(), id}, version);
}

} // namespace

} // namespace simbook::api
