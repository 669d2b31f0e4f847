package org.medxfer.gateway.domain;

/** What a trainer reports about a trial attempt. */
public sealed interface TrialUpdate {

  /** Training began. */
  record Started() implements TrialUpdate {}

  /** One epoch finished. */
  record EpochFinished(EpochProgress progress) implements TrialUpdate {}

  /** Training finished and test predictions are stored under {@code predictionsKey}. */
  record Completed(double trainingSeconds, String predictionsKey) implements TrialUpdate {}

  /** The attempt ended without a result. */
  record Failed(Failure failure) implements TrialUpdate {}
}
