package org.medxfer.gateway.domain;

import java.util.Map;

/** How many of a study's trials are in each state. */
public record TrialCounts(
    int total, int queued, int running, int succeeded, int failed, int cancelled) {

  /** No trials. */
  public static final TrialCounts NONE = new TrialCounts(0, 0, 0, 0, 0, 0);

  /** Counts from a number of trials per state (states left out have none). */
  public static TrialCounts of(Map<TrialState, Integer> perState) {
    int queued = perState.getOrDefault(TrialState.QUEUED, 0);
    int running = perState.getOrDefault(TrialState.RUNNING, 0);
    int succeeded = perState.getOrDefault(TrialState.SUCCEEDED, 0);
    int failed = perState.getOrDefault(TrialState.FAILED, 0);
    int cancelled = perState.getOrDefault(TrialState.CANCELLED, 0);
    return new TrialCounts(
        queued + running + succeeded + failed + cancelled,
        queued,
        running,
        succeeded,
        failed,
        cancelled);
  }

  /** Trials not yet ended. */
  public int open() {
    return queued + running;
  }
}
