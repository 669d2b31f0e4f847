package org.medxfer.trainer.domain;

/**
 * The choices of a trial beyond architecture, data and budget: where partial or borrowed weights
 * come from, what adapts, how it is optimised and how images are prepared.
 *
 * @param initUpToBlock for {@link Initialization#PARTIAL}: the last pretrained block, 1-based
 * @param sourceTrial for {@link Initialization#TRIAL_CHECKPOINT}: the trial whose final model is
 *     the start, {@code studies/{study}/trials/{trial}}; empty otherwise
 * @param adaptation which weights train, and when
 * @param optimizer Adam (deterministic) or SGD with momentum
 * @param momentum SGD momentum, in [0, 1)
 * @param backboneLearningRate learning rate of the backbone; NaN when it equals the head's
 * @param weightDecay L2 penalty factor on convolution and dense kernels (0.5 * wd * sum w^2 added
 *     to the loss); 0 disables
 * @param schedule per-epoch learning-rate factor
 * @param augmentation seeded training-time augmentation
 * @param resize how stored images reach the trial's resolution
 * @param normalization how pixels are normalised before the network
 * @param precision float32, or bfloat16 mixed precision
 * @param customCnn the study's design when the architecture is {@link Architecture#CUSTOM_CNN},
 *     else null
 */
public record TrainingOptions(
    int initUpToBlock,
    String sourceTrial,
    Adaptation adaptation,
    Optimizer optimizer,
    double momentum,
    double backboneLearningRate,
    double weightDecay,
    LearningRateSchedule schedule,
    Augmentation augmentation,
    ResizeMode resize,
    Normalization normalization,
    Precision precision,
    CustomCnnDesign customCnn) {

  /** These options with the design of a study-defined CNN. */
  public TrainingOptions withCustomCnn(CustomCnnDesign design) {
    return new TrainingOptions(
        initUpToBlock,
        sourceTrial,
        adaptation,
        optimizer,
        momentum,
        backboneLearningRate,
        weightDecay,
        schedule,
        augmentation,
        resize,
        normalization,
        precision,
        design);
  }

  /** Full fine-tuning with deterministic Adam, constant rate, bilinear resize, float32. */
  public static final TrainingOptions DEFAULTS =
      new TrainingOptions(
          0,
          "",
          Adaptation.FULL,
          Optimizer.ADAM,
          0,
          Double.NaN,
          0,
          LearningRateSchedule.CONSTANT,
          Augmentation.NONE,
          ResizeMode.BILINEAR,
          Normalization.MATCHED,
          Precision.FP32,
          null);

  /** The optimisers. */
  public enum Optimizer {
    ADAM,
    SGD
  }

  /** How stored images reach the trial's resolution. */
  public enum ResizeMode {
    /** Bilinear interpolation with half-pixel centres. */
    BILINEAR,
    /** Zero padding around the centred image; the resolution must not be below the stored size. */
    PAD
  }

  /** Per-channel input normalisation. */
  public enum Normalization {
    /**
     * The weights' own preprocessing for every init that starts from trained weights, the training
     * split's statistics for a random init.
     */
    MATCHED,
    /** The network's ImageNet preprocessing (scaling or ImageNet channel means). */
    IMAGENET,
    /** Mean and standard deviation of the training split, per channel. */
    DATASET
  }

  /** Numeric precision of training. */
  public enum Precision {
    FP32,
    /** oneDNN's automatic bfloat16 rewrite; variables stay float32. */
    BF16_MIXED
  }

  public TrainingOptions {
    sourceTrial = sourceTrial == null ? "" : sourceTrial;
    require(adaptation != null, "adaptation is required");
    require(optimizer != null, "optimizer is required");
    require(schedule != null, "schedule is required");
    require(augmentation != null, "augmentation is required");
    require(resize != null, "resize is required");
    require(normalization != null, "normalization is required");
    require(precision != null, "precision is required");
    require(initUpToBlock >= 0, "init.up_to_block must not be negative, got " + initUpToBlock);
    require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
    require(
        Double.isNaN(backboneLearningRate)
            || (backboneLearningRate >= 0 && Double.isFinite(backboneLearningRate)),
        "backbone_learning_rate must be finite and not negative, got " + backboneLearningRate);
    require(
        weightDecay >= 0 && Double.isFinite(weightDecay),
        "weight_decay must be finite and not negative, got " + weightDecay);
  }

  /** A copy with another adaptation. */
  public TrainingOptions withAdaptation(Adaptation newAdaptation) {
    return new TrainingOptions(
        initUpToBlock,
        sourceTrial,
        newAdaptation,
        optimizer,
        momentum,
        backboneLearningRate,
        weightDecay,
        schedule,
        augmentation,
        resize,
        normalization,
        precision,
        customCnn);
  }

  /** A copy with another precision. */
  public TrainingOptions withPrecision(Precision newPrecision) {
    return new TrainingOptions(
        initUpToBlock,
        sourceTrial,
        adaptation,
        optimizer,
        momentum,
        backboneLearningRate,
        weightDecay,
        schedule,
        augmentation,
        resize,
        normalization,
        newPrecision,
        customCnn);
  }

  /** A copy with other initialisation parameters. */
  public TrainingOptions withInit(int newInitUpToBlock, String newSourceTrial) {
    return new TrainingOptions(
        newInitUpToBlock,
        newSourceTrial,
        adaptation,
        optimizer,
        momentum,
        backboneLearningRate,
        weightDecay,
        schedule,
        augmentation,
        resize,
        normalization,
        precision,
        customCnn);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new TrialFailedException(FailureReason.INVALID_SPEC, message);
    }
  }
}
