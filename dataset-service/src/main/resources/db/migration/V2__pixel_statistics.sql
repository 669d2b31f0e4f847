-- Per-channel pixel statistics of a version's train split, for its card. NULL for versions
-- recorded before the columns existed.
ALTER TABLE datasets.versions
    ADD COLUMN pixel_mean double precision[],
    ADD COLUMN pixel_std  double precision[],
    ADD COLUMN pixel_min  integer[],
    ADD COLUMN pixel_max  integer[];
