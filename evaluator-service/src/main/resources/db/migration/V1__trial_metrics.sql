-- Test metrics of each trial attempt, computed once from the trainer's stored predictions and never updated.
-- The factor columns copy the spec's factors so that results can be queried and grouped in SQL; `spec` keeps the
-- whole TrialSpec (serialized proto) so that nothing of the cell is lost.
CREATE TABLE evaluator.trial_metrics (
    trial_name                    text COLLATE "C" NOT NULL,
    attempt                       integer          NOT NULL CHECK (attempt >= 1),
    study_name                    text COLLATE "C" NOT NULL,
    dataset                       text             NOT NULL,
    dataset_version               text             NOT NULL,
    architecture                  text             NOT NULL,
    init_kind                     text             NOT NULL,
    init_weights                  text             NOT NULL,
    init_up_to_block              integer          NOT NULL,
    init_source_trial             text             NOT NULL,
    adaptation_kind               text             NOT NULL,
    adaptation_freeze_up_to_block integer          NOT NULL,
    label_fraction                double precision NOT NULL,
    resolution                    integer          NOT NULL,
    seed                          bigint           NOT NULL,
    spec                          bytea            NOT NULL,
    task_type                     text             NOT NULL,
    test_auc                      double precision NOT NULL CHECK (test_auc BETWEEN 0 AND 1),
    test_acc                      double precision NOT NULL CHECK (test_acc BETWEEN 0 AND 1),
    test_count                    bigint           NOT NULL CHECK (test_count > 0),
    training_seconds              double precision NOT NULL,
    predictions_key               text             NOT NULL,
    create_time                   timestamptz      NOT NULL,
    PRIMARY KEY (trial_name, attempt)
);

-- Names compare byte-wise (COLLATE "C"), so listing order and page tokens do not depend on the server's locale.
-- Serves "latest attempt of each trial of a study, in trial order" (listing and comparison).
CREATE INDEX trial_metrics_by_study ON evaluator.trial_metrics (study_name, trial_name, attempt DESC);
