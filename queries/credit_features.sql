-- credit_features.sql — model-ready features for the sample credit data.
--
-- One row per loan, with its split (from credit_split) and the target
-- default_. Everything learned from data is learned from the training rows
-- only, so validation and test rows are transformed exactly as new rows
-- would be. The numeric columns go through what scikit-learn users write as
-- Pipeline([SimpleImputer(strategy="median"), RobustScaler()]) fitted on the
-- training rows:
--   * missing values are imputed with the training median;
--   * the imputed values are robust-scaled with their training median and
--     IQR (RobustScaler's defaults: (x - median) / (q3 - q1), a zero IQR
--     counting as 1);
--   * a 0/1 flag records where a value was missing (income, employment_years,
--     debt_to_income).
-- Text columns are label-encoded by the sorted categories seen in training
-- (0, 1, …; the grades A..G become 0..6, which keeps their order); a
-- category never seen in training gets -1, as scikit-learn's OrdinalEncoder
-- with handle_unknown="use_encoded_value", unknown_value=-1. has_cosigner is
-- already 0/1.
-- Install after credit_split: store sql -f queries/credit_features.sql
DROP VIEW IF EXISTS credit_features;
CREATE VIEW credit_features AS
WITH labelled AS (
    SELECT credit.*, credit_split.split
    FROM credit JOIN credit_split USING (row_id)
),
train AS (
    SELECT * FROM labelled WHERE split = 'train'
),
imputation AS (
    SELECT median(income) AS income_fill,
           median(employment_years) AS employment_fill,
           median(debt_to_income) AS dti_fill
    FROM train
),
imputed AS (
    SELECT labelled.*,
           coalesce(income, income_fill) AS income_imputed,
           coalesce(employment_years, employment_fill) AS employment_imputed,
           coalesce(debt_to_income, dti_fill) AS dti_imputed
    FROM labelled CROSS JOIN imputation
),
scaling AS (
    SELECT median(age) AS age_median, iqr(age) AS age_iqr,
           median(income_imputed) AS income_median, iqr(income_imputed) AS income_iqr,
           median(employment_imputed) AS employment_median, iqr(employment_imputed) AS employment_iqr,
           median(loan_amount) AS loan_median, iqr(loan_amount) AS loan_iqr,
           median(interest_rate) AS rate_median, iqr(interest_rate) AS rate_iqr,
           median(dti_imputed) AS dti_median, iqr(dti_imputed) AS dti_iqr
    FROM imputed
    WHERE split = 'train'
),
home_codes AS (
    SELECT home_ownership, row_number() OVER (ORDER BY home_ownership) - 1 AS code
    FROM (SELECT DISTINCT home_ownership FROM train WHERE home_ownership IS NOT NULL)
),
purpose_codes AS (
    SELECT loan_purpose, row_number() OVER (ORDER BY loan_purpose) - 1 AS code
    FROM (SELECT DISTINCT loan_purpose FROM train WHERE loan_purpose IS NOT NULL)
),
grade_codes AS (
    SELECT credit_grade, row_number() OVER (ORDER BY credit_grade) - 1 AS code
    FROM (SELECT DISTINCT credit_grade FROM train WHERE credit_grade IS NOT NULL)
)
SELECT
    row_id,
    split,
    robust_scale(age, age_median, age_iqr) AS age,
    robust_scale(income_imputed, income_median, income_iqr) AS income,
    income IS NULL AS income_missing,
    robust_scale(employment_imputed, employment_median, employment_iqr) AS employment_years,
    employment_years IS NULL AS employment_years_missing,
    robust_scale(loan_amount, loan_median, loan_iqr) AS loan_amount,
    robust_scale(interest_rate, rate_median, rate_iqr) AS interest_rate,
    robust_scale(dti_imputed, dti_median, dti_iqr) AS debt_to_income,
    debt_to_income IS NULL AS debt_to_income_missing,
    coalesce(home_codes.code, -1) AS home_ownership,
    coalesce(purpose_codes.code, -1) AS loan_purpose,
    coalesce(grade_codes.code, -1) AS credit_grade,
    has_cosigner,
    default_
FROM imputed
CROSS JOIN scaling
LEFT JOIN home_codes USING (home_ownership)
LEFT JOIN purpose_codes USING (loan_purpose)
LEFT JOIN grade_codes USING (credit_grade);
