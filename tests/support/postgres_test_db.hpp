//! Tests on PostgreSQL: a fresh, empty schema per test in the cluster SIMBOOK_TEST_POSTGRES names
//! (scripts/pg_cluster.sh start prints that URI); the tests skip with a clear message when it is unset.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>

namespace simbook::testing {

//! Why PostgreSQL tests skip when SIMBOOK_TEST_POSTGRES is unset.
inline constexpr const char* kNoPostgres =
    "SIMBOOK_TEST_POSTGRES is unset: no PostgreSQL to test against (export SIMBOOK_TEST_POSTGRES=$(scripts/"
    "pg_cluster.sh start))";

//! The cluster's URI from SIMBOOK_TEST_POSTGRES, if set.
inline std::optional<std::string> PostgresTestUri() {
    const char* uri = std::getenv("SIMBOOK_TEST_POSTGRES");
    if (uri == nullptr || *uri == '\0') {
        return std::nullopt;
    }
    return std::string(uri);
}

//! A URI whose connections see only a new, empty schema (search_path), so that tests share one cluster without
//! seeing each other's rows. Empty when the schema could not be created (the message in *error).
inline std::string FreshPostgresSchema(const std::string& base, std::string* error) {
    static std::atomic<int> counter{0};
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    PGconn* conn = PQconnectdb(base.c_str());
    PGresult* r = PQexec(conn, ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + schema +
                                " CASCADE; CREATE SCHEMA " + schema)
                                   .c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) {
        *error = PQerrorMessage(conn);
    }
    PQclear(r);
    PQfinish(conn);
    if (!ok) {
        return "";
    }
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

//! Runs one SQL statement on `uri`; returns PostgreSQL's error message, empty on success.
inline std::string ExecPostgres(const std::string& uri, const std::string& sql) {
    PGconn* conn = PQconnectdb(uri.c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    std::string error = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
    return error;
}

} // namespace simbook::testing
