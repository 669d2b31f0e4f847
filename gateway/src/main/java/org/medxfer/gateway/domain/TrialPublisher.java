package org.medxfer.gateway.domain;

import java.util.List;
import java.util.Set;

/** Port: hands trial attempts to the trainers (the trial-assignments topic). */
public interface TrialPublisher {

  /**
   * Publishes one assignment per trial, for its current attempt, and waits a bounded time for the
   * broker's acknowledgements.
   *
   * @return the names of the trials whose assignment the broker acknowledged; the others may or may
   *     not have been delivered and are published again later (trainers tolerate repeats)
   */
  Set<String> publish(List<Trial> trials);
}
