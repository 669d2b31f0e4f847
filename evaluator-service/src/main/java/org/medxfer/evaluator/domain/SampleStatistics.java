package org.medxfer.evaluator.domain;

/** Mean and sample standard deviation, the summaries a comparison reports. */
public final class SampleStatistics {

  private SampleStatistics() {}

  /** The arithmetic mean; at least one value is required. */
  public static double mean(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the mean of no values is undefined");
    }
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /**
   * The sample standard deviation, with n - 1 in the denominator (the seeds of an arm are a sample
   * of the seeds it could have had); 0 for a single value, where it is undefined, as the API
   * documents. Two passes, so that values close to each other lose no precision.
   */
  public static double sampleStandardDeviation(double[] values) {
    double mean = mean(values);
    if (values.length == 1) {
      return 0;
    }
    double squares = 0;
    for (double value : values) {
      double deviation = value - mean;
      squares += deviation * deviation;
    }
    return Math.sqrt(squares / (values.length - 1));
  }
}
