package org.medxfer.trainer.domain;

/**
 * Everything that decides what one trial trains. Two trials with equal specs and equal images
 * produce bit-identical predictions on the same trainer build and thread configuration.
 *
 * @param architecture the network to build
 * @param initialization where the starting weights come from
 * @param epochs full passes over the training split (at least 1)
 * @param batchSize images per optimizer step
 * @param learningRate initial step size of the head (and of the backbone unless the options say
 *     otherwise)
 * @param seed seeds every random op and the per-epoch shuffles
 * @param resolution the square input size the images are resized to, in pixels
 * @param numClasses width of the classification head (2 for binary tasks; the number of labels for
 *     a multi-label task)
 * @param taskType binary, multi-class, ordinal or multi-label, which decides the loss and how AUC
 *     is summarised
 * @param labelFraction share of the training split used, in (0, 1]; a stratified subset drawn with
 *     {@code seed}
 * @param earlyStoppingPatience stop after this many epochs without a better validation AUC; 0
 *     trains all epochs
 * @param options adaptation, optimiser, schedule, input pipeline and precision
 */
public record TrainingSpec(
    Architecture architecture,
    Initialization initialization,
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    int resolution,
    int numClasses,
    TaskType taskType,
    double labelFraction,
    int earlyStoppingPatience,
    TrainingOptions options) {

  public TrainingSpec {
    require(architecture != null, "architecture is required");
    require(initialization != null, "initialization is required");
    require(taskType != null, "taskType is required");
    require(options != null, "options are required");
    require(epochs >= 1, "epochs must be at least 1, got " + epochs);
    require(batchSize >= 2, "batchSize must be at least 2 (batch norm needs it), got " + batchSize);
    require(
        learningRate > 0 && Double.isFinite(learningRate),
        "learningRate must be positive and finite, got " + learningRate);
    require(resolution >= 1, "resolution must be positive, got " + resolution);
    require(numClasses >= 2, "numClasses must be at least 2, got " + numClasses);
    require(
        taskType != TaskType.BINARY || numClasses == 2,
        "a binary task has exactly 2 classes, got " + numClasses);
    require(
        taskType != TaskType.MULTI_CLASS || numClasses > 2,
        "a multi-class task has more than 2 classes, got " + numClasses);
    require(
        taskType != TaskType.MULTI_LABEL || numClasses <= TaskType.MAX_LABELS,
        "a multi-label task has at most "
            + TaskType.MAX_LABELS
            + " labels (one bit each in the stored mask), got "
            + numClasses);
    require(
        labelFraction > 0 && labelFraction <= 1,
        "labelFraction must be in (0, 1], got " + labelFraction);
    require(
        earlyStoppingPatience >= 0,
        "earlyStoppingPatience must not be negative, got " + earlyStoppingPatience);
    require(
        initialization != Initialization.PARTIAL || options.initUpToBlock() >= 1,
        "init.up_to_block must be at least 1 for a partial transfer, got "
            + options.initUpToBlock());
    require(
        initialization != Initialization.TRIAL_CHECKPOINT || !options.sourceTrial().isEmpty(),
        "init.source_trial is required for a trial-checkpoint init");
    require(
        options.adaptation().kind() != Adaptation.Kind.LP_FT
            || options.adaptation().linearProbeEpochs() < epochs,
        "adaptation.linear_probe_epochs must be below epochs ("
            + epochs
            + ") so fine-tuning gets an epoch, got "
            + options.adaptation().linearProbeEpochs());
  }

  /** The spec with the default options (full fine-tuning, Adam, constant rate, float32). */
  public TrainingSpec(
      Architecture architecture,
      Initialization initialization,
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      int resolution,
      int numClasses,
      TaskType taskType,
      double labelFraction,
      int earlyStoppingPatience) {
    this(
        architecture,
        initialization,
        epochs,
        batchSize,
        learningRate,
        seed,
        resolution,
        numClasses,
        taskType,
        labelFraction,
        earlyStoppingPatience,
        TrainingOptions.DEFAULTS);
  }

  /** A copy with other options. */
  public TrainingSpec withOptions(TrainingOptions newOptions) {
    return new TrainingSpec(
        architecture,
        initialization,
        epochs,
        batchSize,
        learningRate,
        seed,
        resolution,
        numClasses,
        taskType,
        labelFraction,
        earlyStoppingPatience,
        newOptions);
  }

  /** A copy with another initialisation. */
  public TrainingSpec withInitialization(Initialization newInitialization) {
    return new TrainingSpec(
        architecture,
        newInitialization,
        epochs,
        batchSize,
        learningRate,
        seed,
        resolution,
        numClasses,
        taskType,
        labelFraction,
        earlyStoppingPatience,
        options);
  }

  /** A copy trained for another number of epochs. */
  public TrainingSpec withEpochs(int newEpochs) {
    return new TrainingSpec(
        architecture,
        initialization,
        newEpochs,
        batchSize,
        learningRate,
        seed,
        resolution,
        numClasses,
        taskType,
        labelFraction,
        earlyStoppingPatience,
        options);
  }

  /** A spec that trains on the whole training split for all epochs. */
  public static TrainingSpec of(
      Architecture architecture,
      Initialization initialization,
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      int resolution,
      int numClasses,
      TaskType taskType) {
    return new TrainingSpec(
        architecture,
        initialization,
        epochs,
        batchSize,
        learningRate,
        seed,
        resolution,
        numClasses,
        taskType,
        1.0,
        0);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new TrialFailedException(FailureReason.INVALID_SPEC, message);
    }
  }
}
