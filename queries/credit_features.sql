-- credit_features.sql — model-ready features for the sample credit data.
--
-- One row per loan, with its split (from credit_split) and the target
-- default_. Everything learned from data is learned from the training rows
-- only, so validation and test rows are transformed exactly as new rows
-- would be:
--   * numeric columns are imputed with the training median where missing,
--     then robust-scaled with the training median and IQR (scikit-learn
--     RobustScaler with its defaults: (x - median) / (q3 - q1));
--   * a 0/1 flag records where a value was missing (income, employment_years,
--     debt_to_income);
--   * text columns are label-encoded in sorted order (dense_rank() - 1; the
--     grades A..G become 0..6, which keeps their order);
--   * has_cosigner is already 0/1.
-- Install after credit_split: store sql -f queries/credit_features.sql
DROP VIEW IF EXISTS credit_features;
CREATE VIEW credit_features AS
WITH labelled AS (
    SELECT credit.*, credit_split.split
    FROM credit JOIN credit_split USING (row_id)
),
fit AS (
    SELECT median(age) AS age_median, iqr(age) AS age_iqr,
           median(income) AS income_median, iqr(income) AS income_iqr,
           median(employment_years) AS employment_median, iqr(employment_years) AS employment_iqr,
           median(loan_amount) AS loan_median, iqr(loan_amount) AS loan_iqr,
           median(interest_rate) AS rate_median, iqr(interest_rate) AS rate_iqr,
           median(debt_to_income) AS dti_median, iqr(debt_to_income) AS dti_iqr
    FROM labelled
    WHERE split = 'train'
)
SELECT
    row_id,
    split,
    robust_scale(age, age_median, age_iqr) AS age,
    robust_scale(coalesce(income, income_median), income_median, income_iqr) AS income,
    income IS NULL AS income_missing,
    robust_scale(coalesce(employment_years, employment_median), employment_median, employment_iqr) AS employment_years,
    employment_years IS NULL AS employment_years_missing,
    robust_scale(loan_amount, loan_median, loan_iqr) AS loan_amount,
    robust_scale(interest_rate, rate_median, rate_iqr) AS interest_rate,
    robust_scale(coalesce(debt_to_income, dti_median), dti_median, dti_iqr) AS debt_to_income,
    debt_to_income IS NULL AS debt_to_income_missing,
    dense_rank() OVER (ORDER BY home_ownership) - 1 AS home_ownership,
    dense_rank() OVER (ORDER BY loan_purpose) - 1 AS loan_purpose,
    dense_rank() OVER (ORDER BY credit_grade) - 1 AS credit_grade,
    has_cosigner,
    default_
FROM labelled CROSS JOIN fit;
