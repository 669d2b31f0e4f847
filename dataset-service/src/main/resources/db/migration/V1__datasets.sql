-- Data sets, their immutable versions, the splits of each version, and the request ids of imports.
-- A version row is written only after every shard of the version is in the object store.

CREATE TABLE datasets.datasets (
    dataset_id        text        PRIMARY KEY,
    display_name      text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('READY', 'FAILED')),
    create_time       timestamptz NOT NULL,
    update_time       timestamptz NOT NULL,
    -- The card of the newest version.
    modality          text        NOT NULL,
    task_type         text        NOT NULL,
    class_names       text[]      NOT NULL,
    license           text        NOT NULL,
    source            text        NOT NULL,
    latest_version_id text        NOT NULL,
    -- Why the last import failed, while state is FAILED.
    error_reason      text,
    error_message     text
);

-- ListDatasets pages newest first.
CREATE INDEX datasets_newest_first ON datasets.datasets (create_time DESC, dataset_id DESC);

CREATE TABLE datasets.versions (
    dataset_id     text        NOT NULL REFERENCES datasets.datasets (dataset_id),
    version_id     text        NOT NULL,
    content_hash   text        NOT NULL,
    create_time    timestamptz NOT NULL,
    modality       text        NOT NULL,
    task_type      text        NOT NULL,
    class_names    text[]      NOT NULL,
    license        text        NOT NULL,
    source         text        NOT NULL,
    image_height   integer     NOT NULL,
    image_width    integer     NOT NULL,
    image_channels integer     NOT NULL,
    PRIMARY KEY (dataset_id, version_id),
    UNIQUE (dataset_id, content_hash)
);

CREATE TABLE datasets.splits (
    dataset_id   text     NOT NULL,
    version_id   text     NOT NULL,
    split        text     NOT NULL CHECK (split IN ('train', 'val', 'test')),
    image_count  bigint   NOT NULL,
    class_counts bigint[] NOT NULL,
    shard_key    text     NOT NULL UNIQUE,
    shard_bytes  bigint   NOT NULL,
    PRIMARY KEY (dataset_id, version_id, split),
    FOREIGN KEY (dataset_id, version_id) REFERENCES datasets.versions (dataset_id, version_id)
);

-- request_id -> the version the first call produced, so a retried import returns the same result.
CREATE TABLE datasets.import_requests (
    request_id      text        PRIMARY KEY,
    dataset_id      text        NOT NULL,
    version_id      text        NOT NULL,
    already_existed boolean     NOT NULL,
    create_time     timestamptz NOT NULL,
    FOREIGN KEY (dataset_id, version_id) REFERENCES datasets.versions (dataset_id, version_id)
);
