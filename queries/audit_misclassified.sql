-- audit_misclassified.sql — the test rows the latest credit_model got wrong,
-- with the raw loan beside the prediction.
--
-- One row per misclassified test loan: its raw columns from `credit`, the
-- actual and predicted default, and the model's probability of default
-- (score). Sorted by how confident the model was in its mistake: the first
-- rows are the ones to read first.
-- Needs: store train --view credit_features --target default_ --name credit_model
DROP VIEW IF EXISTS audit_misclassified;
CREATE VIEW audit_misclassified AS
WITH latest AS (
    SELECT id FROM models WHERE name = 'credit_model' ORDER BY version DESC LIMIT 1
)
SELECT credit.*, p.actual, p.predicted, round(p.score, 4) AS score,
       round(abs(p.actual - p.score), 4) AS miss
FROM predictions AS p
JOIN latest ON p.model_id = latest.id
JOIN credit ON credit.row_id = p.row_key
WHERE p.split = 'test' AND p.actual <> p.predicted
ORDER BY miss DESC, credit.row_id;
