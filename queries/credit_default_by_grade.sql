-- credit_default_by_grade.sql — default rate and typical applicant per credit grade.
--
-- A first look at the sample credit data (`store ingest ingest/credit.toml`):
-- does the grade the lender assigned order the applicants by risk? One row per
-- grade with the number of loans, the share that defaulted, and the mean
-- income and debt-to-income (NULLs skipped, as SQL's avg does).
CREATE VIEW IF NOT EXISTS credit_default_by_grade AS
SELECT
    credit_grade,
    count(*)                          AS loans,
    round(avg(default_), 3)           AS default_rate,
    round(avg(income), 2)             AS mean_income,
    round(avg(debt_to_income), 2)     AS mean_debt_to_income
FROM credit
GROUP BY credit_grade
ORDER BY credit_grade;
