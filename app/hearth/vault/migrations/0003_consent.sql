-- Consent: every version of every dataset's policy, the consent records (receipts) that each
-- change, approval and withdrawal produced, the places a member marked so packages can leave
-- out what happened near them, and the exchange rates a member entered for price estimates.

-- A policy version is written once and only its state moves on:
--   awaiting-approval -> active (a guardian approved a child's policy)
--   active -> superseded (a newer version became active) or withdrawn.
-- At most one version per dataset is active: that is the policy sales follow.
CREATE TABLE consent_policies (
    id           INTEGER PRIMARY KEY,
    dataset_id   INTEGER NOT NULL REFERENCES datasets (id),
    version      INTEGER NOT NULL,
    policy       TEXT NOT NULL,
    terms_hash   TEXT NOT NULL,
    state        TEXT NOT NULL
                 CHECK (state IN ('awaiting-approval', 'active', 'superseded', 'withdrawn')),
    set_by       INTEGER NOT NULL REFERENCES members (id),
    set_at       TEXT NOT NULL,
    approved_by  INTEGER REFERENCES members (id),
    approved_at  TEXT,
    ended_at     TEXT,
    UNIQUE (dataset_id, version)
);

CREATE UNIQUE INDEX consent_policies_one_active
    ON consent_policies (dataset_id) WHERE state = 'active';

-- Consent records in the shape of ISO/IEC TS 27560, append-only like the audit log.
-- `signature` is an EIP-712 signature by the member's wallet key, NULL while unsigned.
CREATE TABLE consent_records (
    id         INTEGER PRIMARY KEY,
    record_id  TEXT NOT NULL UNIQUE,
    dataset_id INTEGER NOT NULL REFERENCES datasets (id),
    policy_id  INTEGER NOT NULL REFERENCES consent_policies (id),
    event      TEXT NOT NULL,
    at         TEXT NOT NULL,
    record     TEXT NOT NULL,
    signature  TEXT
);

CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;

CREATE TRIGGER consent_records_no_update BEFORE UPDATE OF record_id, dataset_id, policy_id,
    event, at, record ON consent_records
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;

CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    label     TEXT NOT NULL,
    lat       REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng       REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
    UNIQUE (member_id, label)
);

-- "1 ETH is about 2500 EUR", as the member entered it (or a configured source fetched it):
-- only ever shown as an estimate next to a price, never part of the terms.
CREATE TABLE exchange_rates (
    member_id INTEGER NOT NULL REFERENCES members (id),
    symbol    TEXT NOT NULL,
    local     TEXT NOT NULL,
    rate      TEXT NOT NULL,
    source    TEXT NOT NULL,
    as_of     TEXT NOT NULL,
    PRIMARY KEY (member_id, symbol)
) WITHOUT ROWID;
