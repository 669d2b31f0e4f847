package org.medxfer.gateway.domain;

/**
 * Settings every trial of a study shares.
 *
 * @param epochs passes over the training split (0 when not given: a validation problem)
 * @param batchSize images per step
 * @param optimizer the optimiser
 * @param learningRate initial learning rate (of the head, when {@code backboneLearningRate} is set)
 * @param earlyStoppingPatience epochs without validation improvement before stopping; 0 disables
 * @param momentum SGD momentum, in [0, 1)
 * @param schedule the learning-rate schedule
 * @param augmentation training-time augmentation
 * @param precision numeric precision
 * @param backboneLearningRate the backbone's own learning rate; null when it is {@code
 *     learningRate}
 * @param normalization input normalisation
 * @param weightDecay L2 weight decay; 0 disables
 */
public record TrainingSettings(
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    int earlyStoppingPatience,
    double momentum,
    Schedule schedule,
    Augmentation augmentation,
    Precision precision,
    Double backboneLearningRate,
    Normalization normalization,
    double weightDecay) {

  public TrainingSettings {
    schedule = schedule == null ? Schedule.CONSTANT : schedule;
    augmentation = augmentation == null ? Augmentation.NONE : augmentation;
    precision = precision == null ? Precision.FP32 : precision;
    normalization = normalization == null ? Normalization.MATCHED : normalization;
  }

  /** The basic settings; every other one at its default. */
  public TrainingSettings(
      int epochs,
      int batchSize,
      OptimizerKind optimizer,
      double learningRate,
      int earlyStoppingPatience) {
    this(
        epochs,
        batchSize,
        optimizer,
        learningRate,
        earlyStoppingPatience,
        0.0,
        Schedule.CONSTANT,
        Augmentation.NONE,
        Precision.FP32,
        null,
        Normalization.MATCHED,
        0.0);
  }
}
