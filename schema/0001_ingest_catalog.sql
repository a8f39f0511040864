-- 0001_ingest_catalog.sql — the catalog of everything ingested into this store.
--
-- Every run of `store ingest` that changes the store adds one row to `ingests`,
-- one row per source column to `ingest_columns` (CSV ingests), and one row per
-- set-aside record or file to `ingest_rejects`, in the same transaction as the
-- data itself: a
-- table's content can always be traced back to the files (by path and SHA-256)
-- and the options that produced it. An ingest that changes nothing (the same
-- source with the same options) adds nothing.
--
-- Every table that `store ingest` creates starts with
--   row_id INTEGER PRIMARY KEY  -- the record's number in its source, 1-based;
--                                  appended ingests continue the numbering
-- followed by the source's columns under their stored names. For the folder
-- ingests (kind 'audio' and 'image') a source is a folder: row_id is the
-- file's position in the folder's sorted walk, source_sha256 the SHA-256 of
-- the lines "relative path TAB file SHA-256" of its files, source_bytes their
-- total size, and a reject's `line` is that position and `raw` the file's
-- relative path.

-- One row per ingest that changed the store.
CREATE TABLE ingests (
    id             INTEGER PRIMARY KEY,  -- ingest number, increasing
    dataset        TEXT NOT NULL,        -- the table the ingest wrote
    kind           TEXT NOT NULL         -- what was read: 'csv' (later 'image', 'audio')
                   CHECK (kind IN ('csv', 'image', 'audio')),
    mode           TEXT NOT NULL         -- 'create' a new table, 'replace' its content, or 'append' to it
                   CHECK (mode IN ('create', 'replace', 'append')),
    source_path    TEXT NOT NULL,        -- absolute path of the source file or folder
    source_sha256  TEXT NOT NULL,        -- SHA-256 of the source bytes, lowercase hex
    source_bytes   INTEGER NOT NULL,     -- size of the source in bytes
    options        TEXT NOT NULL,        -- the options used, as JSON with sorted keys
    rows_stored    INTEGER NOT NULL,     -- records written to the table
    rows_rejected  INTEGER NOT NULL,     -- records set aside in ingest_rejects (--skip-bad)
    started_at     TEXT NOT NULL,        -- UTC, ISO 8601 with milliseconds
    finished_at    TEXT NOT NULL,        -- UTC, ISO 8601 with milliseconds
    tool_version   TEXT NOT NULL         -- version of `store` that ran the ingest
);

CREATE INDEX ingests_by_dataset ON ingests (dataset, id);

-- One row per source column of each ingest: how it was named and typed.
CREATE TABLE ingest_columns (
    ingest_id      INTEGER NOT NULL REFERENCES ingests (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,     -- 1-based position in the source
    source_name    TEXT NOT NULL,        -- the header as found ('' without a header)
    stored_name    TEXT NOT NULL,        -- the column name in the table
    type           TEXT NOT NULL         -- the stored type
                   CHECK (type IN ('INTEGER', 'REAL', 'TEXT')),
    type_source    TEXT NOT NULL         -- 'inferred', or 'option' when --type set it
                   CHECK (type_source IN ('inferred', 'option', 'existing table')),
    null_values    INTEGER NOT NULL,     -- empty fields and null markers
    integer_values INTEGER NOT NULL,     -- values that read as 64-bit integers
    real_values    INTEGER NOT NULL,     -- values that read as decimal or scientific numbers
    boolean_values INTEGER NOT NULL,     -- TRUE/FALSE in any case, stored as 1/0
    text_values    INTEGER NOT NULL,     -- values that are not numbers (including codes with leading zeros)
    leading_zero_values INTEGER NOT NULL,-- numbers written with a leading zero, like 007 (kept as text)
    first_text_line INTEGER,             -- line of the first non-numeric value, NULL if none
    first_text_value TEXT,               -- that value, cut to 80 characters
    PRIMARY KEY (ingest_id, position)
) WITHOUT ROWID;

-- One row per record set aside by an ingest run with --skip-bad.
CREATE TABLE ingest_rejects (
    ingest_id      INTEGER NOT NULL REFERENCES ingests (id) ON DELETE CASCADE,
    line           INTEGER NOT NULL,     -- line in the source where the record starts, 1-based
    raw            TEXT NOT NULL,        -- the record's text as found (invalid UTF-8 replaced by U+FFFD)
    reason         TEXT NOT NULL         -- why it was set aside
);

CREATE INDEX ingest_rejects_by_ingest ON ingest_rejects (ingest_id, line);
