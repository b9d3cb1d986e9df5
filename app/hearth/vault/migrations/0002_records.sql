-- Imported records, the imports they came from, and daily rollups.

-- Interned names: records carry small integer ids instead of repeating these strings.
CREATE TABLE record_types (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE record_sources (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    device  TEXT NOT NULL DEFAULT '',
    UNIQUE (name, version, device)
);

-- One row per file imported into a dataset; the same file (by sha256) is imported once.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL REFERENCES datasets (id),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    importer    TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    added       INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    UNIQUE (dataset_id, sha256)
);

-- The natural key is the primary key, so a re-import of overlapping data adds nothing
-- (INSERT OR IGNORE). `day` is the local calendar day of `start_ms` where the export says
-- the offset (UTC otherwise); it sits in the key so daily rollups stream in key order.
-- `value` is declared without a type so SQLite keeps what it is given: a number, or text
-- (a category, a URL, a title); 72 and 72.0 are equal keys, 72 and '72' are not.
CREATE TABLE records (
    dataset_id INTEGER NOT NULL,
    type_id    INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    start_ms   INTEGER NOT NULL,
    end_ms     INTEGER NOT NULL,
    source_id  INTEGER NOT NULL,
    value      NOT NULL,
    unit       TEXT,
    lat        REAL,
    lng        REAL,
    meta       TEXT,
    import_id  INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, type_id, day, start_ms, end_ms, source_id, value)
) WITHOUT ROWID;

CREATE TABLE daily_rollups (
    dataset_id INTEGER NOT NULL,
    type_id    INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    total      REAL,
    minimum    REAL,
    maximum    REAL,
    PRIMARY KEY (dataset_id, type_id, day)
) WITHOUT ROWID;

-- Datasets are per member and source ("Ana's Apple Health"): a newer export merges in.
CREATE UNIQUE INDEX datasets_member_source ON datasets (member_id, source);
