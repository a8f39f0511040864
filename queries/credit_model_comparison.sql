-- credit_model_comparison.sql — the test loans as the latest credit_model
-- and the latest credit_logistic each scored them: one row per model and
-- loan, with correct = 1 where the prediction was right. The share of
-- correct rows per model is its test accuracy, so a two-proportion z-test
-- compares the two models:
--   store test ztest_prop credit_model_comparison --value correct --by model
-- (groups in SQLite's order: credit_logistic first, credit_model second).
-- Both models scored the same loans, so the two samples are paired, not
-- independent as the z-test assumes; McNemar's test on the loans where the
-- models disagree is the paired alternative.
-- Needs: store train ... --name credit_model and --name credit_logistic.
DROP VIEW IF EXISTS credit_model_comparison;
CREATE VIEW credit_model_comparison AS
WITH latest AS (
    SELECT name, max(id) AS id FROM models WHERE name IN ('credit_model', 'credit_logistic') GROUP BY name
)
SELECT latest.name AS model, p.row_key, p.actual, p.predicted, p.predicted = p.actual AS correct
FROM predictions AS p
JOIN latest ON p.model_id = latest.id
WHERE p.split = 'test';
