package org.medxfer.trainer.domain;

/** Where a trial's weights come from before training starts. */
public enum Initialization {
  /** Every variable drawn from its seeded initializer (He for convolutions, Glorot for dense). */
  RANDOM,
  /**
   * Backbone loaded from the architecture's registered ImageNet weights; the new head is random.
   */
  IMAGENET,
  /**
   * Transfusion's Mean-Var: each pretrained tensor replaced by i.i.d. normal draws with that
   * tensor's mean and variance, keeping the scale of the pretrained weights but none of their
   * features.
   */
  MEAN_VAR,
  /** ImageNet weights up to block {@link TrainingOptions#initUpToBlock()}, random above it. */
  PARTIAL,
  /** The final model another trial stored ({@link TrainingOptions#sourceTrial()}). */
  TRIAL_CHECKPOINT;

  /** Whether this initialisation reads the registered ImageNet weight file. */
  public boolean usesImageNetWeights() {
    return this == IMAGENET || this == MEAN_VAR || this == PARTIAL;
  }
}
