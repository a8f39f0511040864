-- 0002_models.sql — what `store train` writes: models, their predictions,
-- and every measure of how good they are.
--
-- One training run adds one row to `models` (a new version of its name;
-- older versions stay) and its rows to the other tables, all in one
-- transaction: a run that fails or is interrupted writes nothing. Every
-- other table refers to the model by `model_id`, so a query joins them, and
-- `predictions.row_key` joins back to the view and the raw table it was
-- trained on (`row_id` by default).
--
-- Class labels are stored as the target's own values (text or numbers);
-- JSON columns hold sorted-key JSON that SQLite's json_extract() reads.

-- One row per trained model version.
CREATE TABLE models (
    id              INTEGER PRIMARY KEY,   -- model number, increasing
    name            TEXT NOT NULL,         -- the name given with --name (default: the view and kind)
    version         INTEGER NOT NULL,      -- 1 for a new name, then one more per retraining
    kind            TEXT NOT NULL,         -- 'logistic_regression', 'random_forest', …
    task            TEXT NOT NULL          -- what the model predicts
                    CHECK (task IN ('classification', 'regression')),
    view            TEXT NOT NULL,         -- the table or view trained on
    target          TEXT NOT NULL,         -- the target column
    key_column      TEXT NOT NULL,         -- the column that identifies a row (row_id)
    features        TEXT NOT NULL,         -- JSON array of the feature columns, in the model's order
    classes         TEXT,                  -- JSON array of the class values in the model's order; NULL for regression
    parameters      TEXT NOT NULL,         -- JSON object of the model's settings, defaults included
    preprocessing   TEXT NOT NULL,         -- JSON object of what was learned before the model (imputation values, encodings, oversampling), fitted on training rows
    rows_train      INTEGER NOT NULL,      -- rows the model was fitted on (before oversampling)
    rows_validation INTEGER NOT NULL,      -- rows held out for validation (0 when there is no such split)
    rows_test       INTEGER NOT NULL,      -- rows held out for the final test
    seconds         REAL NOT NULL,         -- wall time of the training run
    created_at      TEXT NOT NULL,         -- UTC, ISO 8601 with milliseconds
    tool_version    TEXT NOT NULL,         -- version of `store` that trained it
    format_version  INTEGER NOT NULL,      -- version of the serialized model's format (see `model`)
    model           TEXT NOT NULL,         -- the fitted model as JSON: {"kind": …, "fitted": …}, documented in README
    UNIQUE (name, version)
);

-- One row per scored row: every row of every split, and each out-of-fold
-- prediction of a cross-validation.
CREATE TABLE predictions (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    row_key         INTEGER NOT NULL,      -- the row's key in the view (joins to it and to the raw table)
    split           TEXT NOT NULL          -- which part of the data the row was in
                    CHECK (split IN ('train', 'validation', 'test', 'cv')),
    fold            INTEGER,               -- the cross-validation fold (1-based) when split = 'cv', else NULL
    actual,                                -- the target's value
    predicted,                             -- the predicted class value, or the predicted number
    score           REAL,                  -- classification: the probability of the predicted class (binary: of the positive class); regression: NULL
    probabilities   TEXT                   -- classification: JSON object class → probability; regression: NULL
);

CREATE INDEX predictions_by_model ON predictions (model_id, split, row_key);

-- One row per measure: overall (class NULL) or for one class.
CREATE TABLE metrics (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    split           TEXT NOT NULL,         -- 'train', 'validation', 'test', or 'cv' (mean over folds)
    metric          TEXT NOT NULL,         -- accuracy, balanced_accuracy, precision, recall, f1, support, *_macro, *_weighted, roc_auc, average_precision, log_loss; rmse, mae, mse, r2
    class,                                 -- the class value for per-class metrics, NULL for overall ones
    value           REAL                   -- the measure (NULL when undefined, e.g. ROC AUC with one class present)
);

CREATE INDEX metrics_by_model ON metrics (model_id, split, metric);

-- The confusion matrix of each split, one row per (actual, predicted) pair that occurs.
CREATE TABLE confusion (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    split           TEXT NOT NULL,
    actual          NOT NULL,              -- the true class value
    predicted       NOT NULL,              -- the predicted class value
    count           INTEGER NOT NULL       -- rows with that pair
);

-- ROC curve points, as scikit-learn's roc_curve (drop_intermediate=True),
-- for the positive class (binary) or each class against the rest.
CREATE TABLE roc_curve (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    split           TEXT NOT NULL,
    class           NOT NULL,              -- the class treated as positive
    point           INTEGER NOT NULL,      -- 0-based order along the curve
    fpr             REAL NOT NULL,         -- false positive rate
    tpr             REAL NOT NULL,         -- true positive rate
    threshold       REAL                   -- score threshold (NULL for the first point, scikit-learn's +inf)
);

-- Precision–recall curve points, as scikit-learn's precision_recall_curve.
CREATE TABLE pr_curve (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    split           TEXT NOT NULL,
    class           NOT NULL,
    point           INTEGER NOT NULL,
    precision       REAL NOT NULL,
    recall          REAL NOT NULL,
    threshold       REAL                   -- NULL for the last point (precision 1, recall 0)
);

-- Each fold's scores of a cross-validation (--cv K).
CREATE TABLE cv_scores (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    fold            INTEGER NOT NULL,      -- 1-based
    metric          TEXT NOT NULL,
    value           REAL
);

-- Every candidate of a grid search (--search), with its score.
CREATE TABLE search_results (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    candidate       INTEGER NOT NULL,      -- 1-based, in the grid's order
    parameters      TEXT NOT NULL,         -- JSON object of the candidate's settings
    metric          TEXT NOT NULL,         -- the score searched on
    mean            REAL,                  -- mean over folds (or the validation score)
    std             REAL,                  -- population standard deviation over folds; NULL without --cv
    rank            INTEGER NOT NULL,      -- 1 = best; the best trained the final model
    chosen          INTEGER NOT NULL       -- 1 for the candidate the final model used
                    CHECK (chosen IN (0, 1))
);

-- How much each feature matters to a model.
CREATE TABLE feature_importance (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    feature         TEXT NOT NULL,
    method          TEXT NOT NULL          -- 'impurity' (trees: normalized impurity decrease) or 'permutation' (drop in the score on the test rows)
                    CHECK (method IN ('impurity', 'permutation')),
    importance      REAL NOT NULL,
    std             REAL                   -- permutation: standard deviation over repeats; NULL for impurity
);
