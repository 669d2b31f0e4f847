package org.medxfer.gateway.domain;

import java.util.Optional;

/** Lifecycle of a study: RUNNING until its trials end or a user cancels it; then final. */
public enum StudyState {
  /** Trials are queued or running. */
  RUNNING,
  /** Every trial ended and at least one succeeded. */
  SUCCEEDED,
  /** Every trial ended and none succeeded. */
  FAILED,
  /** Cancelled by a user. */
  CANCELLED;

  /** The {@link Failure#reason()} of a study none of whose trials succeeded. */
  public static final String NO_TRIAL_SUCCEEDED = "NO_TRIAL_SUCCEEDED";

  /** Whether the study has ended. */
  public boolean isTerminal() {
    return this != RUNNING;
  }

  /** Whether a study in this state may move to {@code next}: only RUNNING moves, and only on. */
  public boolean canMoveTo(StudyState next) {
    return this == RUNNING && next != RUNNING;
  }

  /**
   * The state a running study reaches given its trials: empty while any trial is open, then
   * SUCCEEDED when at least one succeeded and FAILED otherwise.
   */
  public static Optional<StudyState> outcomeOf(TrialCounts counts) {
    if (counts.open() > 0) {
      return Optional.empty();
    }
    return Optional.of(counts.succeeded() > 0 ? SUCCEEDED : FAILED);
  }
}
