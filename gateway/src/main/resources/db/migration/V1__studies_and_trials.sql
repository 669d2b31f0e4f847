-- A study and its trials are inserted in one transaction; proto columns hold serialized messages so
-- that the API and the Kafka payloads are rebuilt exactly as they were first built.

CREATE TABLE gateway.studies (
    name          text PRIMARY KEY,                 -- studies/{study}
    display_name  text NOT NULL,
    state         text NOT NULL,                    -- domain StudyState
    study_file    text NOT NULL,                    -- as submitted; '' when created from a spec
    spec          bytea NOT NULL,                   -- medxfer.study.v1.StudySpec
    request_id    text,                             -- NULL when the create carried none
    error         bytea,                            -- google.rpc.Status, when FAILED
    create_time   timestamptz NOT NULL,
    update_time   timestamptz NOT NULL,
    CONSTRAINT studies_request_id_key UNIQUE (request_id)
);

-- ListStudies: newest first.
CREATE INDEX studies_newest_first ON gateway.studies (create_time DESC, name DESC);

CREATE TABLE gateway.trials (
    name              text PRIMARY KEY,             -- studies/{study}/trials/{trial}
    study             text NOT NULL REFERENCES gateway.studies (name),
    cell_ordinal      integer NOT NULL,             -- position in the study's cell order
    display_name      text NOT NULL,
    spec              bytea NOT NULL,               -- medxfer.trial.v1.TrialSpec
    data_location     bytea NOT NULL,               -- medxfer.trial.v1.DataLocation
    state             text NOT NULL,                -- domain TrialState
    attempt           integer NOT NULL,
    progress          bytea,                        -- medxfer.trial.v1.EpochCompleted, last epoch
    training_seconds  double precision NOT NULL DEFAULT 0,
    predictions_key   text NOT NULL DEFAULT '',
    error             bytea,                        -- google.rpc.Status, when FAILED
    dispatched        boolean NOT NULL DEFAULT false, -- the current attempt's assignment reached Kafka
    revision          bigint NOT NULL DEFAULT 0,    -- grows on every change; WatchStudy diffs on it
    create_time       timestamptz NOT NULL,
    update_time       timestamptz NOT NULL,
    CONSTRAINT trials_cell_key UNIQUE (study, cell_ordinal)
);

-- The background dispatcher's query: queued trials whose assignment never reached Kafka.
CREATE INDEX trials_awaiting_dispatch ON gateway.trials (create_time)
    WHERE NOT dispatched AND state = 'QUEUED';
