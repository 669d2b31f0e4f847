package org.medxfer.evaluator.domain;

/**
 * Wilcoxon's signed-rank test of two arms paired over data sets, as Demšar (2006, JMLR 7, §3.1.3)
 * recommends for comparing two classifiers over several data sets: the differences are ranked by
 * absolute value, ties sharing the mean rank; zero differences are split evenly between R+ and R−
 * (one dropped when their number is odd); the statistic is T = min(R+, R−).
 *
 * <p>The p-value is exact (the distribution of T over all 2^n sign assignments) when n ≤ {@value
 * #MAX_EXACT} and there are no ties and no zeros, where ranks are the integers 1..n. Otherwise it
 * is the normal approximation with the tie-corrected variance and without continuity correction (as
 * scipy's {@code wilcoxon(..., method="approx", correction=False)}).
 */
public final class WilcoxonSignedRank {

  /** Largest n with an exact p-value; the exact distribution has n(n+1)/2 + 1 values. */
  public static final int MAX_EXACT = 50;

  private final Distributions distributions;

  public WilcoxonSignedRank(Distributions distributions) {
    this.distributions = distributions;
  }

  /** How the p-value was computed. */
  public enum Method {
    EXACT,
    NORMAL_APPROXIMATION
  }

  /**
   * The outcome.
   *
   * @param n number of pairs ranked (after dropping one zero difference when their number is odd)
   * @param rankSumPositive R+, ranks where A beats B plus half of the zero differences' ranks
   * @param rankSumNegative R−
   * @param statistic T = min(R+, R−)
   * @param z the normal approximation's z of T (≤ 0), reported whichever method gives p
   * @param pValue two-sided
   * @param method how pValue was computed
   */
  public record Result(
      int n,
      double rankSumPositive,
      double rankSumNegative,
      double statistic,
      double z,
      double pValue,
      Method method) {}

  /**
   * Tests whether arms A and B differ, given their metric on the same data sets (a[i] and b[i] on
   * data set i).
   *
   * @throws IllegalArgumentException for arrays of different lengths, non-finite values, or nothing
   *     left to rank
   */
  public Result test(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "paired values need equal lengths, got %d and %d".formatted(a.length, b.length));
    }
    int zeros = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
        throw new IllegalArgumentException("pair %d is not finite".formatted(i));
      }
      if (Math.abs(a[i] - b[i]) <= Ranks.TIE_TOLERANCE) {
        zeros++;
      }
    }
    // Demšar: with an odd number of zero differences one is ignored, so the rest split evenly.
    boolean dropOneZero = zeros % 2 == 1;
    int n = dropOneZero ? a.length - 1 : a.length;
    if (n == 0) {
      throw new IllegalArgumentException("the signed-rank test needs at least one non-tied pair");
    }
    double[] differences = new double[n];
    boolean dropped = !dropOneZero;
    int k = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      if (Math.abs(d) <= Ranks.TIE_TOLERANCE) {
        if (!dropped) {
          dropped = true;
          continue;
        }
        d = 0;
      }
      differences[k++] = d;
    }
    double[] absolute = new double[n];
    for (int i = 0; i < n; i++) {
      absolute[i] = Math.abs(differences[i]);
    }
    double[] ranks = Ranks.ascending(absolute);
    double positive = 0;
    double negative = 0;
    for (int i = 0; i < n; i++) {
      if (differences[i] > 0) {
        positive += ranks[i];
      } else if (differences[i] < 0) {
        negative += ranks[i];
      } else {
        positive += ranks[i] / 2;
        negative += ranks[i] / 2;
      }
    }
    double statistic = Math.min(positive, negative);
    int[] tieGroups = Ranks.tieGroupSizes(ranks);
    double tieCorrection = 0;
    for (int t : tieGroups) {
      tieCorrection += ((double) t * t * t - t) / 48;
    }
    double variance = n * (n + 1.0) * (2 * n + 1.0) / 24 - tieCorrection;
    double z = (statistic - n * (n + 1.0) / 4) / Math.sqrt(variance);
    boolean exact = n <= MAX_EXACT && zeros == 0 && tieGroups.length == n;
    if (exact) {
      return new Result(
          n, positive, negative, statistic, z, exactPValue(n, statistic), Method.EXACT);
    }
    double p = Math.min(1, 2 * distributions.normalCdf(z));
    return new Result(n, positive, negative, statistic, z, p, Method.NORMAL_APPROXIMATION);
  }

  /**
   * 2 P(T ≤ t) under the null, where each rank 1..n is positive with probability 1/2: counts of the
   * rank sums by dynamic programming over the ranks.
   */
  static double exactPValue(int n, double statistic) {
    int maxSum = n * (n + 1) / 2;
    long[] ways = new long[maxSum + 1];
    ways[0] = 1;
    for (int rank = 1; rank <= n; rank++) {
      for (int sum = maxSum; sum >= rank; sum--) {
        ways[sum] += ways[sum - rank];
      }
    }
    long atMost = 0;
    for (int sum = 0; sum <= Math.min(maxSum, (int) Math.floor(statistic)); sum++) {
      atMost += ways[sum];
    }
    return Math.min(1, 2 * atMost / Math.pow(2, n));
  }
}
