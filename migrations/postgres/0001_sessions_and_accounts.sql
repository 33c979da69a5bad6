-- Sessions and registered accounts for session_store = "postgres".
-- A row per session, filed under a hash of its id (never the id itself). expires_ms is
-- min(last seen + idle timeout, created + absolute timeout): every query compares it with the
-- time of the request, and the sweep deletes rows whose moment has passed.
CREATE TABLE sessions (
    key          TEXT   PRIMARY KEY,
    username     TEXT   NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    expires_ms   BIGINT NOT NULL,
    record       TEXT   NOT NULL
);

-- The sweep's range scan, and one account's sessions without reading the others.
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
CREATE INDEX sessions_by_user ON sessions (username, expires_ms);

-- An account: its name and its role and Argon2id hash (JSON), never a password.
CREATE TABLE accounts (
    username TEXT PRIMARY KEY,
    account  TEXT NOT NULL
);
