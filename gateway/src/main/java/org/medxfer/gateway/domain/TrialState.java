package org.medxfer.gateway.domain;

/**
 * Lifecycle of a trial. QUEUED and RUNNING are open; SUCCEEDED, FAILED and CANCELLED are terminal
 * and final.
 */
public enum TrialState {
  /** Stored and published (or about to be) to the trainers, not yet picked up. */
  QUEUED,
  /** A trainer is training it. */
  RUNNING,
  /** Finished; test predictions are stored. */
  SUCCEEDED,
  /** Ended without a result. */
  FAILED,
  /** Stopped because its study was cancelled. */
  CANCELLED;

  /** Whether the trial has ended. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /**
   * Whether a trial in this state may move to {@code next}. An open trial may move forward to any
   * later state (a trainer may finish before its STARTED event is seen) and RUNNING stays RUNNING
   * as epochs pass; nothing leaves a terminal state and nothing returns to QUEUED.
   */
  public boolean canMoveTo(TrialState next) {
    return switch (this) {
      case QUEUED, RUNNING -> next != QUEUED;
      case SUCCEEDED, FAILED, CANCELLED -> false;
    };
  }
}
