package org.medxfer.evaluator.domain;

/**
 * Where a model's starting weights come from; declared in the proto's order, which rows sort by.
 */
public enum InitKind {
  /** Not set in the trial's spec. */
  UNSPECIFIED,
  /** Seeded random initialisation. */
  RANDOM,
  /** Weights pretrained on ImageNet. */
  IMAGENET,
  /** Each layer drawn from the pretrained layer's mean and variance. */
  MEAN_VAR,
  /** Pretrained up to a block, random above it. */
  PARTIAL,
  /** Another trial's final model. */
  TRIAL_CHECKPOINT
}
