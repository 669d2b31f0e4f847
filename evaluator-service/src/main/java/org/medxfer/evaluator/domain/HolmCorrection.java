package org.medxfer.evaluator.domain;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's (1979) step-down correction for testing several hypotheses at once (for example pairwise
 * Wilcoxon tests between arms), which controls the family-wise error rate like Bonferroni but
 * rejects more. Given as adjusted p-values, so a caller compares each with α directly.
 */
public final class HolmCorrection {

  private HolmCorrection() {}

  /**
   * Holm-adjusted p-values, in the order given: the i-th smallest p (i from 0) is multiplied by (m
   * − i), made no smaller than the adjusted value before it, and capped at 1.
   *
   * @throws IllegalArgumentException for a p-value outside [0, 1] or NaN
   */
  public static double[] adjust(double[] pValues) {
    int m = pValues.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new IllegalArgumentException("p-value %d is %s".formatted(i, pValues[i]));
      }
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int index = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
      adjusted[index] = running;
    }
    return adjusted;
  }
}
