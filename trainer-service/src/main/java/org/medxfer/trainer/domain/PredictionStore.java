package org.medxfer.trainer.domain;

/** Keeps a finished attempt's test-split predictions for the evaluator. */
@FunctionalInterface
public interface PredictionStore {

  /**
   * Stores the predictions of {@code result}.
   *
   * @return the key they are stored under
   */
  String store(TrainingResult result);
}
