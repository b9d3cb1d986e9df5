-- Wallets: per member, the public half only. The mnemonic and the age identity live in the
-- operating system's keyring (or, when the person chose it explicitly because no keyring
-- works, in an encrypted keystore file in the vault folder); never in this database.
CREATE TABLE wallets (
    member_id     INTEGER PRIMARY KEY REFERENCES members (id),
    address       TEXT NOT NULL UNIQUE,
    age_recipient TEXT NOT NULL,
    storage       TEXT NOT NULL CHECK (storage IN ('keyring', 'keystore-file')),
    created_at    TEXT NOT NULL,
    words_shown   INTEGER NOT NULL DEFAULT 0  -- the backup words were shown and quizzed
);

-- The network this vault uses (a preset name from resources/networks.json or a custom one)
-- and custom networks a member added.
CREATE TABLE networks (
    name       TEXT PRIMARY KEY,
    chain_id   INTEGER NOT NULL,
    rpc_url    TEXT NOT NULL,
    currency   TEXT NOT NULL,
    explorer   TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL
) WITHOUT ROWID;

-- Every transaction the Signer sent, written BEFORE it is broadcast so that a restart neither
-- loses nor repeats one: 'signed' (not yet known to the node), 'pending', 'mined', 'failed',
-- 'replaced' (by a higher-fee transaction with the same nonce), 'dropped'.
CREATE TABLE transactions (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members (id),
    chain_id     INTEGER NOT NULL,
    address      TEXT NOT NULL,
    nonce        INTEGER NOT NULL,
    tx_hash      TEXT NOT NULL UNIQUE,
    raw          TEXT NOT NULL,
    description  TEXT NOT NULL,
    to_address   TEXT,
    value_wei    TEXT NOT NULL,
    max_fee_wei  TEXT NOT NULL,
    state        TEXT NOT NULL
                 CHECK (state IN ('signed', 'pending', 'mined', 'failed', 'replaced', 'dropped')),
    replaces     INTEGER REFERENCES transactions (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX transactions_open ON transactions (chain_id, address, state);

-- A history of what the member signed (transactions and EIP-712 messages), in their words.
CREATE TABLE signed_actions (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members (id),
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('transaction', 'typed-data')),
    description TEXT NOT NULL,
    chain_id    INTEGER,
    reference   TEXT
);
