package org.medxfer.evaluator.domain;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking with ties, shared by the rank-based tests (Wilcoxon, Friedman). */
final class Ranks {

  /**
   * Values closer than this count as equal. Metrics that are equal on paper (two AUCs of 0.968)
   * often differ in the last bits after floating-point arithmetic; without a tolerance such ties
   * would be broken arbitrarily and change the statistics.
   */
  static final double TIE_TOLERANCE = 1e-12;

  private Ranks() {}

  /** Ranks 1..n, smallest value first, tied values sharing the mean of their ranks. */
  static double[] ascending(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start + 1;
      while (end < order.length && values[order[end]] - values[order[start]] <= TIE_TOLERANCE) {
        end++;
      }
      double meanRank = (start + 1 + end) / 2.0;
      for (int k = start; k < end; k++) {
        ranks[order[k]] = meanRank;
      }
      start = end;
    }
    return ranks;
  }

  /** Sizes of the groups of tied values (groups of one included), for tie corrections. */
  static int[] tieGroupSizes(double[] ranks) {
    double[] sorted = ranks.clone();
    Arrays.sort(sorted);
    int[] sizes = new int[sorted.length];
    int groups = 0;
    int start = 0;
    while (start < sorted.length) {
      int end = start + 1;
      while (end < sorted.length && sorted[end] == sorted[start]) {
        end++;
      }
      sizes[groups++] = end - start;
      start = end;
    }
    return Arrays.copyOf(sizes, groups);
  }
}
