-- speech_features.sql — one fixed-length numeric row per recording, for the
-- tabular trainer: what a librosa notebook computes as
--   np.hstack([np.mean(mfcc, axis=1), np.std(mfcc, axis=1)])
-- for each file's 40 MFCCs (store ingest audio's defaults), here with the
-- store's mfcc_mean()/mfcc_std() and tensor_at() to spread the 40-value
-- summaries into columns. Each summary is computed once per row (the CTE is
-- MATERIALIZED), then read 40 times.
--
-- Columns: row_id, split (from speech_split), emotion (the target), the
-- recording's length after trimming, 40 MFCC means and 40 MFCC standard
-- deviations. Tree models need no scaling; for linear models or KNN, scale
-- these with robust_scale()/standard_scale() over the training rows as
-- credit_features.sql does.
-- Install after `store split speech`: store sql -f queries/speech_features.sql
DROP VIEW IF EXISTS speech_features;
CREATE VIEW speech_features AS
WITH summary AS MATERIALIZED (
    SELECT speech.row_id, speech_split.split, speech.emotion, speech.seconds_after_trim,
           mfcc_mean(speech.mfcc) AS mean, mfcc_std(speech.mfcc) AS std
    FROM speech JOIN speech_split USING (row_id)
)
SELECT
    row_id,
    split,
    emotion,
    seconds_after_trim,
    tensor_at(mean, 0) AS mfcc_mean_0,
    tensor_at(mean, 1) AS mfcc_mean_1,
    tensor_at(mean, 2) AS mfcc_mean_2,
    tensor_at(mean, 3) AS mfcc_mean_3,
    tensor_at(mean, 4) AS mfcc_mean_4,
    tensor_at(mean, 5) AS mfcc_mean_5,
    tensor_at(mean, 6) AS mfcc_mean_6,
    tensor_at(mean, 7) AS mfcc_mean_7,
    tensor_at(mean, 8) AS mfcc_mean_8,
    tensor_at(mean, 9) AS mfcc_mean_9,
    tensor_at(mean, 10) AS mfcc_mean_10,
    tensor_at(mean, 11) AS mfcc_mean_11,
    tensor_at(mean, 12) AS mfcc_mean_12,
    tensor_at(mean, 13) AS mfcc_mean_13,
    tensor_at(mean, 14) AS mfcc_mean_14,
    tensor_at(mean, 15) AS mfcc_mean_15,
    tensor_at(mean, 16) AS mfcc_mean_16,
    tensor_at(mean, 17) AS mfcc_mean_17,
    tensor_at(mean, 18) AS mfcc_mean_18,
    tensor_at(mean, 19) AS mfcc_mean_19,
    tensor_at(mean, 20) AS mfcc_mean_20,
    tensor_at(mean, 21) AS mfcc_mean_21,
    tensor_at(mean, 22) AS mfcc_mean_22,
    tensor_at(mean, 23) AS mfcc_mean_23,
    tensor_at(mean, 24) AS mfcc_mean_24,
    tensor_at(mean, 25) AS mfcc_mean_25,
    tensor_at(mean, 26) AS mfcc_mean_26,
    tensor_at(mean, 27) AS mfcc_mean_27,
    tensor_at(mean, 28) AS mfcc_mean_28,
    tensor_at(mean, 29) AS mfcc_mean_29,
    tensor_at(mean, 30) AS mfcc_mean_30,
    tensor_at(mean, 31) AS mfcc_mean_31,
    tensor_at(mean, 32) AS mfcc_mean_32,
    tensor_at(mean, 33) AS mfcc_mean_33,
    tensor_at(mean, 34) AS mfcc_mean_34,
    tensor_at(mean, 35) AS mfcc_mean_35,
    tensor_at(mean, 36) AS mfcc_mean_36,
    tensor_at(mean, 37) AS mfcc_mean_37,
    tensor_at(mean, 38) AS mfcc_mean_38,
    tensor_at(mean, 39) AS mfcc_mean_39,
    tensor_at(std, 0) AS mfcc_std_0,
    tensor_at(std, 1) AS mfcc_std_1,
    tensor_at(std, 2) AS mfcc_std_2,
    tensor_at(std, 3) AS mfcc_std_3,
    tensor_at(std, 4) AS mfcc_std_4,
    tensor_at(std, 5) AS mfcc_std_5,
    tensor_at(std, 6) AS mfcc_std_6,
    tensor_at(std, 7) AS mfcc_std_7,
    tensor_at(std, 8) AS mfcc_std_8,
    tensor_at(std, 9) AS mfcc_std_9,
    tensor_at(std, 10) AS mfcc_std_10,
    tensor_at(std, 11) AS mfcc_std_11,
    tensor_at(std, 12) AS mfcc_std_12,
    tensor_at(std, 13) AS mfcc_std_13,
    tensor_at(std, 14) AS mfcc_std_14,
    tensor_at(std, 15) AS mfcc_std_15,
    tensor_at(std, 16) AS mfcc_std_16,
    tensor_at(std, 17) AS mfcc_std_17,
    tensor_at(std, 18) AS mfcc_std_18,
    tensor_at(std, 19) AS mfcc_std_19,
    tensor_at(std, 20) AS mfcc_std_20,
    tensor_at(std, 21) AS mfcc_std_21,
    tensor_at(std, 22) AS mfcc_std_22,
    tensor_at(std, 23) AS mfcc_std_23,
    tensor_at(std, 24) AS mfcc_std_24,
    tensor_at(std, 25) AS mfcc_std_25,
    tensor_at(std, 26) AS mfcc_std_26,
    tensor_at(std, 27) AS mfcc_std_27,
    tensor_at(std, 28) AS mfcc_std_28,
    tensor_at(std, 29) AS mfcc_std_29,
    tensor_at(std, 30) AS mfcc_std_30,
    tensor_at(std, 31) AS mfcc_std_31,
    tensor_at(std, 32) AS mfcc_std_32,
    tensor_at(std, 33) AS mfcc_std_33,
    tensor_at(std, 34) AS mfcc_std_34,
    tensor_at(std, 35) AS mfcc_std_35,
    tensor_at(std, 36) AS mfcc_std_36,
    tensor_at(std, 37) AS mfcc_std_37,
    tensor_at(std, 38) AS mfcc_std_38,
    tensor_at(std, 39) AS mfcc_std_39
FROM summary;
