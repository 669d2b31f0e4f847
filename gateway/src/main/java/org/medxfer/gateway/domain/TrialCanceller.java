package org.medxfer.gateway.domain;

import java.util.List;

/** Port: tells every trainer to stop, and never start, some trial attempts. */
public interface TrialCanceller {

  /**
   * Publishes a cancellation per attempt. Best effort: the gateway has already recorded the
   * attempts as ended and ignores their events, so a lost cancellation costs trainer time, never a
   * wrong result.
   */
  void cancel(List<TrialAttempt> attempts, String reason);
}
