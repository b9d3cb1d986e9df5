-- Hearth vault schema, version 1.
-- Never edit a migration that has shipped: add the next numbered file instead.

CREATE TABLE vault_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'adult', 'child')),
    created_at TEXT NOT NULL
);

-- One row per imported dataset; the summary columns are kept by the importer when an
-- import commits, so listing datasets never scans their records.
CREATE TABLE datasets (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members (id),
    title        TEXT NOT NULL,
    source       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    record_count INTEGER NOT NULL DEFAULT 0,
    first_at     TEXT,
    last_at      TEXT
);

-- Append-only, hash-chained: each entry's hash covers its content and the previous hash.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    member_id INTEGER,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
