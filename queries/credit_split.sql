-- credit_split.sql — a stratified train / validation / test split of the sample credit data.
--
-- The same view `store split credit --test 0.2 --validation 0.1 --stratify default_ --seed 42`
-- writes (a test keeps the two identical). Within each class of the target
-- `default_`, rows are ordered by split_bucket(row_id, 42), a deterministic
-- number in [0, 1) from the key and the seed; the first 20% of each class go to
-- test, the next 10% to validation, the rest to train. Same key and seed, same
-- split, on every run and platform; each class keeps its share in every part.
DROP VIEW IF EXISTS credit_split;
CREATE VIEW "credit_split" AS
SELECT "row_id",
       CASE WHEN position * 1.0 / n < 0.2 THEN 'test'
            WHEN position * 1.0 / n < 0.3 THEN 'validation'
            ELSE 'train' END AS split
FROM (
    SELECT "row_id",
           row_number() OVER (PARTITION BY "default_" ORDER BY split_bucket("row_id", 42), "row_id") - 1 AS position,
           count(*) OVER (PARTITION BY "default_") AS n
    FROM "credit"
)
;
