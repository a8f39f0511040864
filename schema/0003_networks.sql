-- 0003_networks.sql — what a trainer that works in epochs writes, and the
-- fitted arrays of a model as binary tensors.
--
-- `training_log` has one row per epoch and split of a neural network's
-- training (`store train --model mlp|cnn|lstm|cnn_lstm`): the curve a
-- person plots to see over- or under-fitting. `model_arrays` holds a model's
-- fitted arrays (a network's weights, by parameter name) in the tensor BLOB
-- format of schema/TENSOR_FORMAT.md, so any SQLite client with numpy reads
-- them, and `models.model` keeps only the small JSON description that names
-- them. Both are written in the training run's one transaction and deleted
-- with their model.

-- One row per epoch and split of a training run that works in epochs.
CREATE TABLE training_log (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    fold            INTEGER,               -- the cross-validation fold (1-based) for --cv runs; NULL for the final model
    epoch           INTEGER NOT NULL,      -- 1-based
    split           TEXT NOT NULL          -- the rows the loss was measured on
                    CHECK (split IN ('train', 'validation')),
    loss            REAL NOT NULL,         -- mean loss over the split's rows (train: over the epoch's batches, as Keras reports it)
    accuracy        REAL,                  -- share of rows whose most probable class is right; NULL for regression
    seconds         REAL NOT NULL,         -- wall time of the epoch (train) or of the validation pass
    learning_rate   REAL NOT NULL,         -- the optimizer's learning rate during the epoch
    UNIQUE (model_id, fold, epoch, split)
);

CREATE INDEX training_log_by_model ON training_log (model_id, fold, epoch);

-- One row per fitted array of a model.
CREATE TABLE model_arrays (
    model_id        INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,         -- the array's name in the model's JSON (a network's parameter: '0.weight', '3.bias', …)
    array           BLOB NOT NULL,         -- the values, in the tensor format of schema/TENSOR_FORMAT.md
    PRIMARY KEY (model_id, name)
);
