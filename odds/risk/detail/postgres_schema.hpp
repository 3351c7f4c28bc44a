//! The PostgreSQL ledger's tables: the SQLite ledger's, plus per-outcome exposure that bets update in their own
//! transaction (so that a node checks limits against every node's bets without summing them).
#pragma once

namespace simbook::odds::risk::detail {

// Schema creation runs under one advisory lock, so that nodes starting together do not race on the catalogue.
inline constexpr const char* kPostgresSchema = R"sql(
SELECT pg_advisory_xact_lock(7262001);
CREATE TABLE IF NOT EXISTS bets(
    id BIGSERIAL PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL,
    tier INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    market_key TEXT NOT NULL,
    outcome TEXT NOT NULL,
    line DOUBLE PRECISION NOT NULL,
    requested_price BIGINT NOT NULL,
    price BIGINT NOT NULL CHECK (price > 1000),
    stake BIGINT NOT NULL CHECK (stake > 0),
    potential_payout BIGINT NOT NULL,
    placed_at_ms BIGINT NOT NULL,
    settled BOOLEAN NOT NULL DEFAULT false,
    settlement INTEGER NOT NULL DEFAULT 0,
    payout BIGINT NOT NULL DEFAULT 0,
    settlement_version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS bets_by_customer ON bets(customer_id, id);
CREATE INDEX IF NOT EXISTS bets_by_market ON bets(event_id, market_key, id);
CREATE TABLE IF NOT EXISTS markets(
    seq BIGSERIAL,
    event_id TEXT NOT NULL,
    market_key TEXT NOT NULL,
    sport TEXT NOT NULL,
    outcomes TEXT NOT NULL,
    state INTEGER NOT NULL,
    cause INTEGER NOT NULL,
    window_start_ms BIGINT NOT NULL,
    window_end_ms BIGINT NOT NULL,
    result TEXT NOT NULL,
    settlement_version INTEGER NOT NULL,
    PRIMARY KEY(event_id, market_key));
CREATE TABLE IF NOT EXISTS exposure(
    event_id TEXT NOT NULL,
    market_key TEXT NOT NULL,
    outcome TEXT NOT NULL,
    stakes BIGINT NOT NULL,
    payouts BIGINT NOT NULL,
    PRIMARY KEY(event_id, market_key, outcome));
CREATE TABLE IF NOT EXISTS audit(
    seq BIGSERIAL PRIMARY KEY,
    time_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL);
CREATE OR REPLACE FUNCTION simbook_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION simbook_audit_append_only();
)sql";

} // namespace simbook::odds::risk::detail
