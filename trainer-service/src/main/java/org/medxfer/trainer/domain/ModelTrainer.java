package org.medxfer.trainer.domain;

/** Trains one trial to completion on the calling thread. */
public interface ModelTrainer {

  /**
   * Trains, validates every epoch and predicts the test split with the best-validation weights.
   *
   * @throws TrialFailedException when the trial cannot finish; its reason says why
   */
  TrainingResult train(TrainingSpec spec, ImageSource images, EpochListener listener);

  /**
   * The parameter counts of the model {@code spec} builds for images with {@code channels}
   * channels, without training it.
   *
   * @throws TrialFailedException when the spec cannot be built
   */
  ParameterCounts parameterCounts(TrainingSpec spec, int channels);
}
