-- A running attempt's deadline (started + the study's trial timeout); the dispatcher's background
-- round ends attempts past it as TIMED_OUT. NULL while queued.
ALTER TABLE gateway.trials ADD COLUMN deadline timestamptz;

CREATE INDEX trials_running_deadline ON gateway.trials (deadline) WHERE state = 'RUNNING';
