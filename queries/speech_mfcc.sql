-- speech_mfcc.sql — each recording's MFCC matrix as `store ingest audio`
-- wrote it (40 coefficients × its own number of frames: clips differ in
-- length after trimming), with its split and emotion: the input of the
-- speech networks, which read every clip at its true length (the trainer
-- pads batches and the recurrent layers never see the padding).
--   store train --view speech_mfcc --target emotion --model cnn_lstm
-- Install after `store split speech`: store sql -f queries/speech_mfcc.sql
DROP VIEW IF EXISTS speech_mfcc;
CREATE VIEW speech_mfcc AS
SELECT speech.row_id, speech_split.split, speech.emotion, speech.mfcc
FROM speech JOIN speech_split USING (row_id);
