-- The metrics beyond MedMNIST's AUC and ACC, computed from the same predictions in the same step. Nullable only
-- because attempts stored before this migration have none; every attempt stored since has all of them.
ALTER TABLE evaluator.trial_metrics
    ADD COLUMN auprc                      double precision CHECK (auprc BETWEEN 0 AND 1),
    ADD COLUMN balanced_accuracy          double precision CHECK (balanced_accuracy BETWEEN 0 AND 1),
    ADD COLUMN f1                         double precision CHECK (f1 BETWEEN 0 AND 1),
    ADD COLUMN expected_calibration_error double precision CHECK (expected_calibration_error BETWEEN 0 AND 1),
    ADD COLUMN recall                     double precision[],
    ADD COLUMN specificity                double precision[],
    -- One element per warning: kind, class index and message, tab-separated (messages hold no tab).
    ADD COLUMN warnings                   text[];

-- The learning curve of each trial attempt: one row per EpochCompleted event, never updated. Kept apart from
-- trial_metrics because epochs arrive before the attempt completes, and for attempts that never complete.
CREATE TABLE evaluator.learning_curve_points (
    trial_name      text COLLATE "C" NOT NULL,
    attempt         integer          NOT NULL CHECK (attempt >= 1),
    study_name      text COLLATE "C" NOT NULL,
    epoch           integer          NOT NULL CHECK (epoch >= 1),
    total_epochs    integer          NOT NULL,
    steps           bigint           NOT NULL,
    elapsed_seconds double precision NOT NULL,
    train_loss      double precision NOT NULL,
    val_loss        double precision NOT NULL,
    val_auc         double precision NOT NULL CHECK (val_auc BETWEEN 0 AND 1),
    PRIMARY KEY (trial_name, attempt, epoch)
);

CREATE INDEX learning_curve_points_by_study ON evaluator.learning_curve_points (study_name);
