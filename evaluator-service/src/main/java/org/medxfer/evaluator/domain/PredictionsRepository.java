package org.medxfer.evaluator.domain;

/** Where trainers leave the test predictions of each trial attempt. */
public interface PredictionsRepository {

  /**
   * Reads the predictions at {@code key}.
   *
   * @throws InvalidPredictionsException when there is no object at {@code key} or it is not a
   *     readable {@code TestPredictions}
   * @throws DependencyUnavailableException when the store cannot be reached
   */
  StoredPredictions load(String key);
}
