-- The code version of the trainer that trained each attempt, from its completion event, so that a report can say
-- which code produced its results. NULL means not recorded: attempts stored before this migration, and attempts of
-- trainers that predate TrialEvent.code_version.
ALTER TABLE evaluator.trial_metrics
    ADD COLUMN code_version text;
