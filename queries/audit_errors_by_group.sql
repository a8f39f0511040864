-- audit_errors_by_group.sql — where the latest credit_model errs: its error
-- rate on the test loans by credit grade and home ownership.
--
-- One row per (credit_grade, home_ownership) pair with test loans: how
-- many, the observed default rate, the mean predicted probability, the
-- error rate, and the false negative rate (defaults the model missed, of all
-- defaults in the group; NULL when the group has none).
-- Needs: store train --view credit_features --target default_ --name credit_model
DROP VIEW IF EXISTS audit_errors_by_group;
CREATE VIEW audit_errors_by_group AS
WITH latest AS (
    SELECT id FROM models WHERE name = 'credit_model' ORDER BY version DESC LIMIT 1
)
SELECT credit.credit_grade, credit.home_ownership,
       count(*) AS loans,
       round(avg(p.actual), 4) AS default_rate,
       round(avg(p.score), 4) AS mean_score,
       round(avg(p.actual <> p.predicted), 4) AS error_rate,
       round(sum(p.actual = 1 AND p.predicted = 0) * 1.0 / nullif(sum(p.actual = 1), 0), 4) AS false_negative_rate
FROM predictions AS p
JOIN latest ON p.model_id = latest.id
JOIN credit ON credit.row_id = p.row_key
WHERE p.split = 'test'
GROUP BY 1, 2
ORDER BY 1, 2;
