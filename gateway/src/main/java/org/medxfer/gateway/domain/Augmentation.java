package org.medxfer.gateway.domain;

/**
 * Seeded random augmentation of training images.
 *
 * @param horizontalFlip mirror left-right with probability 0.5
 * @param verticalFlip mirror top-bottom with probability 0.5
 * @param maxShift largest shift as a fraction of the side, in [0, 0.5]
 * @param maxRotationDegrees largest rotation in degrees, in [0, 180]
 */
public record Augmentation(
    boolean horizontalFlip, boolean verticalFlip, double maxShift, double maxRotationDegrees) {

  /** No augmentation. */
  public static final Augmentation NONE = new Augmentation(false, false, 0.0, 0.0);
}
