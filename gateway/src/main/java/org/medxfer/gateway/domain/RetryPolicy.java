package org.medxfer.gateway.domain;

import java.util.Set;

/**
 * Which failed attempts get another: failures that come from the machine (a crash, a lost object
 * store, a timeout) may pass on another attempt; failures that come from the trial itself
 * (divergence, missing or mismatched weights, a spec or data the trainer refuses) fail again the
 * same way, so they end the trial at once instead of spending its budget.
 */
public final class RetryPolicy {

  /** The reason a timed-out attempt fails with. */
  public static final String TIMED_OUT = "TIMED_OUT";

  private static final Set<String> DETERMINISTIC =
      Set.of(
          "DIVERGED",
          "WEIGHTS_MISSING",
          "WEIGHTS_CORRUPT",
          "WEIGHTS_MISMATCH",
          "UNSUPPORTED_RESOLUTION",
          "UNSUPPORTED_ARCHITECTURE",
          "INVALID_SPEC",
          "INVALID_DATA");

  private RetryPolicy() {}

  /** Whether an attempt that failed with {@code failure} gets another, within {@code budget}. */
  public static boolean retries(Failure failure, int attempt, int maxAttempts) {
    return attempt < maxAttempts && !DETERMINISTIC.contains(failure.reason());
  }
}
