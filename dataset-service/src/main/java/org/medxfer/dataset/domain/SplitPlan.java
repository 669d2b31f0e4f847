package org.medxfer.dataset.domain;

/**
 * How an archive without a {@code split} column is split: per stratum (a class, or a label
 * combination for multi-label), a shuffle seeded by {@code seed} sends round(valFraction x n)
 * images to val, round(testFraction x n) to test and the rest to train.
 */
public record SplitPlan(long seed, double valFraction, double testFraction) {

  /** The default shares when a request gives none. */
  public static final double DEFAULT_VAL_FRACTION = 0.1;

  public static final double DEFAULT_TEST_FRACTION = 0.2;

  /** The plan a request without one gets. */
  public static SplitPlan defaults() {
    return new SplitPlan(0, DEFAULT_VAL_FRACTION, DEFAULT_TEST_FRACTION);
  }
}
