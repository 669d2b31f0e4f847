package org.medxfer.trainer.domain;

/**
 * Where one trial attempt reports its progress; the infrastructure binds an instance to the
 * attempt. Each call returns once the event is durably published, so a caller that saw {@link
 * #completed} or {@link #failed} return knows the outcome is recorded.
 */
public interface TrialEvents {

  /** Training is about to start on a model of this size. */
  void started(ParameterCounts parameters);

  /** One epoch finished. */
  void epochCompleted(EpochMetrics metrics);

  /** Training finished and the test predictions are stored at {@code predictionsKey}. */
  void completed(TrainingResult result, String predictionsKey);

  /** The attempt ended without a result. */
  void failed(FailureReason reason, String message);
}
