-- 0004_feature_selection.sql — what `store select` chose, and why.
--
-- `store select TABLE --target T --min-abs-corr R --view NAME` keeps the
-- columns of TABLE whose absolute correlation with T is at least R (as the
-- credit-scoring notebooks do with `df.corr()[T].abs()`), writes the view
-- NAME of the key, split, target and kept columns, and records here one row
-- per candidate column of TABLE: its correlation, the method and threshold,
-- whether it was kept, and how many rows the correlation was measured on
-- (the training rows when TABLE has a split column). `store describe NAME`
-- reads this table to say why each column of NAME is there. Selecting into
-- NAME again replaces its rows.

CREATE TABLE feature_selection (
    view_name       TEXT NOT NULL,         -- the view store select wrote
    source          TEXT NOT NULL,         -- the table or view its columns come from
    target          TEXT NOT NULL,         -- the column correlated against
    key_column      TEXT NOT NULL,         -- the key the view carries (--key)
    split_column    TEXT,                  -- the split column the view carries; NULL when source has none
    column_name     TEXT NOT NULL,         -- a candidate column of source
    position        INTEGER NOT NULL,      -- the column's position among source's columns (1-based)
    method          TEXT NOT NULL          -- how the correlation was computed
                    CHECK (method IN ('pearson', 'spearman')),
    correlation     REAL,                  -- with target, over rows_used rows; NULL for a text column or when undefined (constant column)
    threshold       REAL NOT NULL,         -- --min-abs-corr: kept when abs(correlation) >= threshold
    kept            INTEGER NOT NULL       -- 1 when the column is in the view
                    CHECK (kept IN (0, 1)),
    rows_used       INTEGER NOT NULL,      -- rows with both the column and target not NULL, among the fitted rows
    fitted_on       TEXT NOT NULL,         -- 'train' (rows whose split is 'train') or 'all' (source has no split column)
    note            TEXT,                  -- why a column was not scored or kept, in words ('text column', 'constant')
    created_at      TEXT NOT NULL,         -- ISO 8601, UTC
    tool_version    TEXT NOT NULL,         -- the store version that chose
    PRIMARY KEY (view_name, column_name)
);
