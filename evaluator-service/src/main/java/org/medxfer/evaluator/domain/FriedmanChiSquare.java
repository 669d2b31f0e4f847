package org.medxfer.evaluator.domain;

/**
 * Friedman's test of whether k arms perform alike over N data sets, in the form Demšar (2006, JMLR
 * 7, §3.2.2) gives: per data set the arms are ranked, the best (highest metric) getting rank 1 and
 * ties sharing the mean rank; with average ranks R_j, χ²_F = 12N / (k(k+1)) · (Σ R_j² − k(k+1)²/4),
 * chi-square distributed with k − 1 degrees of freedom. Without a tie correction, as Demšar states
 * it (scipy's {@code friedmanchisquare} divides by one, so differs when ties occur).
 */
public final class FriedmanChiSquare {

  private final Distributions distributions;

  public FriedmanChiSquare(Distributions distributions) {
    this.distributions = distributions;
  }

  /**
   * The outcome.
   *
   * @param dataSets N
   * @param averageRanks per arm, 1 = best
   * @param chiSquare χ²_F
   * @param degreesOfFreedom k − 1
   * @param pValue P(χ² ≥ χ²_F)
   */
  public record Result(
      int dataSets, double[] averageRanks, double chiSquare, int degreesOfFreedom, double pValue) {

    public Result {
      averageRanks = averageRanks.clone();
    }

    @Override
    public double[] averageRanks() {
      return averageRanks.clone();
    }
  }

  /**
   * Tests the arms' metrics, {@code metric[dataSet][arm]}, higher being better.
   *
   * @throws IllegalArgumentException for fewer than 2 data sets or 2 arms, ragged rows, or
   *     non-finite values
   */
  public Result test(double[][] metric) {
    if (metric.length < 2) {
      throw new IllegalArgumentException(
          "Friedman's test needs at least 2 data sets, got " + metric.length);
    }
    int arms = metric[0].length;
    if (arms < 2) {
      throw new IllegalArgumentException("Friedman's test needs at least 2 arms, got " + arms);
    }
    double[] rankSums = new double[arms];
    for (int d = 0; d < metric.length; d++) {
      if (metric[d].length != arms) {
        throw new IllegalArgumentException(
            "data set %d has %d arms, the first has %d".formatted(d, metric[d].length, arms));
      }
      double[] negated = new double[arms];
      for (int j = 0; j < arms; j++) {
        if (!Double.isFinite(metric[d][j])) {
          throw new IllegalArgumentException(
              "metric of data set %d, arm %d is not finite".formatted(d, j));
        }
        // Ascending ranks of the negated metric give rank 1 to the highest metric.
        negated[j] = -metric[d][j];
      }
      double[] ranks = Ranks.ascending(negated);
      for (int j = 0; j < arms; j++) {
        rankSums[j] += ranks[j];
      }
    }
    double[] averageRanks = new double[arms];
    for (int j = 0; j < arms; j++) {
      averageRanks[j] = rankSums[j] / metric.length;
    }
    return fromAverageRanks(averageRanks, metric.length);
  }

  /** The test from average ranks already computed over {@code dataSets} data sets. */
  public Result fromAverageRanks(double[] averageRanks, int dataSets) {
    double chiSquare = chiSquare(averageRanks, dataSets);
    int degreesOfFreedom = averageRanks.length - 1;
    double p = 1 - distributions.chiSquareCdf(chiSquare, degreesOfFreedom);
    return new Result(dataSets, averageRanks, chiSquare, degreesOfFreedom, Math.max(0, p));
  }

  static double chiSquare(double[] averageRanks, int dataSets) {
    int k = averageRanks.length;
    double sumOfSquares = 0;
    for (double rank : averageRanks) {
      sumOfSquares += rank * rank;
    }
    return 12.0 * dataSets / (k * (k + 1.0)) * (sumOfSquares - k * (k + 1.0) * (k + 1.0) / 4);
  }
}
