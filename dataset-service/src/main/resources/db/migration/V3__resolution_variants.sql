-- Resolution variants of a version, one row per split; written after all of the variant's shards
-- are in the object store.
CREATE TABLE datasets.resolution_variants (
    dataset_id  text        NOT NULL,
    version_id  text        NOT NULL,
    size        integer     NOT NULL CHECK (size > 0),
    split       text        NOT NULL CHECK (split IN ('train', 'val', 'test')),
    shard_key   text        NOT NULL UNIQUE,
    shard_bytes bigint      NOT NULL,
    create_time timestamptz NOT NULL,
    PRIMARY KEY (dataset_id, version_id, size, split),
    FOREIGN KEY (dataset_id, version_id) REFERENCES datasets.versions (dataset_id, version_id)
);
