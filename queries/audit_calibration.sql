-- audit_calibration.sql — is the latest credit_model's probability of
-- default a probability? Test loans in ten equal groups by score.
--
-- One row per score decile (1 = lowest scores): the loans, the score range,
-- the mean predicted probability and the observed default rate. A
-- calibrated model has mean_score close to default_rate in every decile
-- (what scikit-learn's calibration_curve(strategy="quantile") plots).
-- Needs: store train --view credit_features --target default_ --name credit_model
DROP VIEW IF EXISTS audit_calibration;
CREATE VIEW audit_calibration AS
WITH latest AS (
    SELECT id FROM models WHERE name = 'credit_model' ORDER BY version DESC LIMIT 1
),
ranked AS (
    SELECT p.score, p.actual, ntile(10) OVER (ORDER BY p.score, p.row_key) AS decile
    FROM predictions AS p JOIN latest ON p.model_id = latest.id
    WHERE p.split = 'test'
)
SELECT decile, count(*) AS loans,
       round(min(score), 4) AS lowest_score, round(max(score), 4) AS highest_score,
       round(avg(score), 4) AS mean_score, round(avg(actual), 4) AS default_rate
FROM ranked
GROUP BY decile
ORDER BY decile;
