-- shapes_images.sql — each picture's 64 × 64 × 3 image tensor as `store
-- ingest images` wrote it, with its split and its label (the folder it came
-- from): the input of the shapes CNN, which scales the bytes to [0, 1].
--   store train --view shapes_images --target label --model cnn
-- Install after `store split shapes`: store sql -f queries/shapes_images.sql
DROP VIEW IF EXISTS shapes_images;
CREATE VIEW shapes_images AS
SELECT shapes.row_id, shapes_split.split, shapes.label, shapes.image
FROM shapes JOIN shapes_split USING (row_id);
