package org.medxfer.evaluator.domain;

/**
 * The Nemenyi post-hoc test after a Friedman test (Demšar 2006, JMLR 7, §3.2.2): two arms differ at
 * α = 0.05 when their average ranks differ by at least the critical difference CD = q_α ·
 * sqrt(k(k+1) / (6N)). q_α is the studentized range quantile divided by √2, which no common Java
 * library provides, so the values are Demšar's Table 5(a), for 2 to 10 arms.
 */
public final class NemenyiCriticalDifference {

  /** q_0.05 for k = 2..10 arms (Demšar 2006, Table 5a). */
  private static final double[] Q_005 = {
    1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164
  };

  private NemenyiCriticalDifference() {}

  /**
   * The critical difference of average ranks at α = 0.05 for {@code arms} arms over {@code
   * dataSets} data sets.
   *
   * @throws IllegalArgumentException outside 2..10 arms or for fewer than 2 data sets
   */
  public static double criticalDifference(int arms, int dataSets) {
    if (arms < 2 || arms > 1 + Q_005.length) {
      throw new IllegalArgumentException(
          "Nemenyi critical values are tabulated for 2 to %d arms, got %d"
              .formatted(1 + Q_005.length, arms));
    }
    if (dataSets < 2) {
      throw new IllegalArgumentException("the Nemenyi test needs at least 2 data sets");
    }
    return Q_005[arms - 2] * Math.sqrt(arms * (arms + 1.0) / (6.0 * dataSets));
  }

  /** Whether arms with these average ranks differ significantly at α = 0.05. */
  public static boolean differ(double averageRankA, double averageRankB, int arms, int dataSets) {
    return Math.abs(averageRankA - averageRankB) >= criticalDifference(arms, dataSets);
  }
}
