package org.medxfer.common.kafka;

/** The Kafka topics of medxfer; payloads are the proto messages named here. */
public final class Topics {

  /**
   * {@code medxfer.trial.v1.TrialAssignment}, keyed by trial name; the gateway produces, trainers
   * consume.
   */
  public static final String TRIAL_ASSIGNMENTS = "medxfer.trial-assignments";

  /**
   * {@code medxfer.trial.v1.TrialEvent}, keyed by trial name; trainers produce, the gateway and
   * evaluator consume.
   */
  public static final String TRIAL_EVENTS = "medxfer.trial-events";

  /**
   * {@code medxfer.trial.v1.TrialCancellation}, keyed by trial name; the gateway produces (a study
   * cancelled, an attempt timed out), every trainer consumes all of it in its own group.
   */
  public static final String TRIAL_CANCELLATIONS = "medxfer.trial-cancellations";

  private Topics() {}
}
