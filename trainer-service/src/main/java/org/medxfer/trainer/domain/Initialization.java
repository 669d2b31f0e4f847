package org.medxfer.trainer.domain;

/** Where a trial's backbone weights come from before training starts. */
public enum Initialization {
  /** Every variable drawn from its seeded initializer. */
  RANDOM,
  /**
   * Backbone loaded from the architecture's registered ImageNet weights; the new head is random.
   */
  IMAGENET
}
