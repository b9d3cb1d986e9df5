-- The marketplace as this vault sees it. The chain is the authority on money and licences;
-- these tables remember what this household did there (offers signed, sales seen and
-- delivered, purchases made) so that the fulfilment survives restarts and never delivers twice.

-- Where Hearth's DataMarket is on each chain this vault used: deployed here, or learned from
-- an offer bought. ``from_block`` is where a seller's fulfilment starts looking for sales.
CREATE TABLE market_contracts (
    chain_id    INTEGER PRIMARY KEY,
    network     TEXT NOT NULL,
    address     TEXT NOT NULL,
    from_block  INTEGER NOT NULL DEFAULT 0,
    how         TEXT NOT NULL CHECK (how IN ('deployed', 'sandbox', 'from-offer', 'preset')),
    added_at    TEXT NOT NULL
) WITHOUT ROWID;

-- Offers a member signed. ``message`` is the EIP-712 message (JSON) exactly as signed;
-- ``package_buyer`` says whose pseudonyms the package uses (NULL: the same for every buyer),
-- so that fulfilment rebuilds the very package the commitment names.
CREATE TABLE market_offers (
    offer_id      TEXT PRIMARY KEY,   -- the EIP-712 digest, the contract's id for the offer
    chain_id      INTEGER NOT NULL,
    market        TEXT NOT NULL,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    dataset_id    INTEGER NOT NULL REFERENCES datasets (id),
    policy_id     INTEGER NOT NULL REFERENCES consent_policies (id),
    seller        TEXT NOT NULL,
    message       TEXT NOT NULL,
    signature     TEXT NOT NULL,
    package_buyer TEXT,
    made_at_block INTEGER NOT NULL,   -- the chain's head when it was signed: no sale before
    created_at    TEXT NOT NULL
) WITHOUT ROWID;

-- Purchases of a member's offers that the fulfilment saw, and how far their delivery went:
-- 'seen' -> 'delivering' (package built, its hash recorded, deliver about to be sent)
-- -> 'delivered'; or 'refused' (consent withdrawn, terms or data changed: the buyer can take
-- a refund after the deadline), 'closed' (refunded, or settled elsewhere), 'gone' (a re-org
-- removed the purchase).
CREATE TABLE market_sales (
    chain_id        INTEGER NOT NULL,
    market          TEXT NOT NULL,
    purchase_id     INTEGER NOT NULL,
    offer_id        TEXT NOT NULL,
    seller          TEXT NOT NULL,
    buyer           TEXT NOT NULL,
    age_recipient   TEXT NOT NULL,
    price           TEXT NOT NULL,
    token           TEXT NOT NULL,
    deadline        INTEGER NOT NULL,
    tx_hash         TEXT NOT NULL,
    block_number    INTEGER NOT NULL,
    block_hash      TEXT NOT NULL,
    state           TEXT NOT NULL
                    CHECK (state IN ('seen', 'delivering', 'delivered', 'refused', 'closed', 'gone')),
    package         TEXT,             -- the encrypted package file in the outbox
    ciphertext_hash TEXT,             -- sha256 of that file, as `deliver` puts it on chain
    uri             TEXT,
    deliver_tx      TEXT,
    note            TEXT,             -- why it was refused or closed, in words
    seen_at         TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (chain_id, market, purchase_id)
) WITHOUT ROWID;

-- How far each seller's fulfilment has read the chain: the last block looked at and its
-- hash (a different hash there later means a re-org: it reads again from further back).
CREATE TABLE market_cursors (
    chain_id     INTEGER NOT NULL,
    market       TEXT NOT NULL,
    seller       TEXT NOT NULL,
    block_number INTEGER NOT NULL,
    block_hash   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (chain_id, market, seller)
) WITHOUT ROWID;

-- What members bought: the offer document as bought (the terms they accepted, what the
-- package must verify against), and whether the package was received and verified.
CREATE TABLE market_purchases (
    chain_id      INTEGER NOT NULL,
    market        TEXT NOT NULL,
    purchase_id   INTEGER NOT NULL,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    buyer         TEXT NOT NULL,
    offer_id      TEXT NOT NULL,
    offer         TEXT NOT NULL,
    price         TEXT NOT NULL,
    deadline      INTEGER NOT NULL,
    tx_hash       TEXT NOT NULL,
    bought_block  INTEGER NOT NULL,   -- where to start looking for its delivery
    state         TEXT NOT NULL CHECK (state IN ('bought', 'received', 'refunded')),
    merkle_root   TEXT,
    received_at   TEXT,
    bought_at     TEXT NOT NULL,
    PRIMARY KEY (chain_id, market, purchase_id)
) WITHOUT ROWID;
