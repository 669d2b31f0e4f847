package org.medxfer.trainer.domain;

/** Trains one trial to completion on the calling thread. */
public interface ModelTrainer {

  /**
   * Trains, validates every epoch and predicts the test split with the best-validation weights,
   * starting from scratch and keeping no checkpoints.
   *
   * @throws TrialFailedException when the trial cannot finish; its reason says why
   */
  default TrainingResult train(TrainingSpec spec, ImageSource images, EpochListener listener) {
    return train(spec, images, listener, TrialCheckpoints.NONE);
  }

  /**
   * Trains like {@link #train(TrainingSpec, ImageSource, EpochListener)}, saving a checkpoint after
   * every epoch and the final model at the end. When {@code checkpoints} holds a checkpoint of the
   * same spec, training resumes after its epoch (its epochs are reported to {@code listener} again)
   * and ends with the same result as an uninterrupted run.
   *
   * @throws TrialFailedException when the trial cannot finish; its reason says why
   */
  TrainingResult train(
      TrainingSpec spec, ImageSource images, EpochListener listener, TrialCheckpoints checkpoints);

  /**
   * The parameter counts of the model {@code spec} builds for images with {@code channels}
   * channels, without training it.
   *
   * @throws TrialFailedException when the spec cannot be built
   */
  ParameterCounts parameterCounts(TrainingSpec spec, int channels);
}
