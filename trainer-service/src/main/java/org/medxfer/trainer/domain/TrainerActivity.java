package org.medxfer.trainer.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What this trainer instance is doing: the trial in progress, its last epoch, and how many trials
 * it has ended. Updated by the training thread, read by status calls from others, hence
 * synchronized.
 */
public final class TrainerActivity {

  /** A consistent view of the activity. */
  public record Snapshot(Optional<CurrentTrial> current, long trialsCompleted, long trialsFailed) {}

  /** The trial in progress. */
  public record CurrentTrial(
      String trial, int attempt, int epoch, int totalEpochs, Instant startTime) {}

  private final Clock clock;
  private CurrentTrial current;
  private long trialsCompleted;
  private long trialsFailed;

  public TrainerActivity(Clock clock) {
    this.clock = clock;
  }

  /** A trial starts training. */
  public synchronized void started(TrialRun run) {
    current = new CurrentTrial(run.trial(), run.attempt(), 0, run.spec().epochs(), clock.instant());
  }

  /** The current trial finished an epoch. */
  public synchronized void epochCompleted(int epoch) {
    if (current != null) {
      current =
          new CurrentTrial(
              current.trial(),
              current.attempt(),
              epoch,
              current.totalEpochs(),
              current.startTime());
    }
  }

  /**
   * The current trial ended: {@code completed} when it published COMPLETED, {@code failed} when
   * FAILED; neither when it was cancelled (its assignment goes to another trainer).
   */
  public synchronized void ended(boolean completed, boolean failed) {
    current = null;
    if (completed) {
      trialsCompleted++;
    } else if (failed) {
      trialsFailed++;
    }
  }

  /** The activity now. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(Optional.ofNullable(current), trialsCompleted, trialsFailed);
  }
}
