package org.medxfer.trainer.domain;

/**
 * Seeded random changes to training images; validation and test images are never augmented.
 *
 * @param horizontalFlip mirror left-right with probability 0.5
 * @param verticalFlip mirror top-bottom with probability 0.5
 * @param maxShift largest shift as a fraction of the side, in [0, 0.5)
 * @param maxRotationDegrees largest rotation, in [0, 180]
 */
public record Augmentation(
    boolean horizontalFlip, boolean verticalFlip, double maxShift, double maxRotationDegrees) {

  /** No augmentation. */
  public static final Augmentation NONE = new Augmentation(false, false, 0, 0);

  public Augmentation {
    if (!(maxShift >= 0 && maxShift < 0.5)) {
      throw new TrialFailedException(
          FailureReason.INVALID_SPEC,
          "augmentation.max_shift must be in [0, 0.5), got " + maxShift);
    }
    if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
      throw new TrialFailedException(
          FailureReason.INVALID_SPEC,
          "augmentation.max_rotation_degrees must be in [0, 180], got " + maxRotationDegrees);
    }
  }

  /** Whether any image is changed at all. */
  public boolean enabled() {
    return horizontalFlip || verticalFlip || maxShift > 0 || maxRotationDegrees > 0;
  }
}
