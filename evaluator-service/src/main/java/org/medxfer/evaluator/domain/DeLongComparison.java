package org.medxfer.evaluator.domain;

import java.util.Arrays;
import org.medxfer.common.domain.RocAuc;

/**
 * DeLong, DeLong and Clarke-Pearson (1988): the test of whether two binary AUCs measured on the
 * same test images differ. Because both arms score the same images, their AUCs are correlated; the
 * test estimates that covariance from the structural components (each positive's fraction of
 * negatives it outranks, each negative's fraction of positives that outrank it) instead of assuming
 * independence, which would be far too conservative.
 */
public final class DeLongComparison {

  private final Distributions distributions;

  public DeLongComparison(Distributions distributions) {
    this.distributions = distributions;
  }

  /**
   * The outcome of the test.
   *
   * @param aucA AUC of arm A
   * @param aucB AUC of arm B
   * @param delta aucA - aucB
   * @param variance DeLong's variance estimate of delta
   * @param z delta / sqrt(variance)
   * @param pValue two-sided p-value from the standard normal
   */
  public record Result(
      double aucA, double aucB, double delta, double variance, double z, double pValue) {

    /** Standard error of delta. */
    public double standardError() {
      return Math.sqrt(variance);
    }
  }

  /**
   * Tests AUC(A) = AUC(B) for two arms' binary predictions on the same test set, on the class-1
   * scores as MedMNIST's AUC.
   *
   * @throws InvalidPredictionsException when either arm is not binary with 2 score columns or the
   *     arms' labels differ, and as {@link #test(int[], float[], float[])}
   */
  public Result test(Predictions a, Predictions b) {
    for (Predictions arm : new Predictions[] {a, b}) {
      if (arm.taskType() != TaskType.BINARY || arm.numClasses() != 2) {
        throw new InvalidPredictionsException(
            "DeLong's test is for binary AUCs; got %s predictions with %d score columns"
                .formatted(arm.taskType(), arm.numClasses()));
      }
    }
    if (!Arrays.equals(a.labels(), b.labels())) {
      throw new InvalidPredictionsException(
          "a paired comparison needs both arms on the same test set (labels in the same order)");
    }
    return test(a.labels(), classOneScores(a), classOneScores(b));
  }

  private static float[] classOneScores(Predictions predictions) {
    float[] scores = new float[predictions.count()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = predictions.score(i, 1);
    }
    return scores;
  }

  /**
   * Tests AUC(A) = AUC(B) for the class-1 scores of two arms on the same binary test set.
   *
   * @param labels 0 or 1 per image
   * @throws InvalidPredictionsException when the sizes differ, a label is not 0/1, a class is
   *     missing, a score is not finite, or the variance is 0 while the AUCs differ (no test exists)
   */
  public Result test(int[] labels, float[] scoresA, float[] scoresB) {
    if (labels.length != scoresA.length || labels.length != scoresB.length) {
      throw new InvalidPredictionsException(
          "DeLong needs one score per image in each arm: %d labels, %d and %d scores"
              .formatted(labels.length, scoresA.length, scoresB.length));
    }
    Groups a = Groups.split(labels, scoresA);
    Groups b = Groups.split(labels, scoresB);
    int m = a.positives.length;
    int n = a.negatives.length;
    if (m < 2 || n < 2) {
      // With one image in a group its components have no sample variance (n - 1 = 0).
      throw new InvalidPredictionsException(
          "DeLong needs at least 2 positives and 2 negatives, got %d and %d".formatted(m, n));
    }
    double aucA = RocAuc.of(a.positives, a.negatives);
    double aucB = RocAuc.of(b.positives, b.negatives);
    double[] v10A = positiveComponents(a.positives, a.negatives);
    double[] v10B = positiveComponents(b.positives, b.negatives);
    double[] v01A = negativeComponents(a.positives, a.negatives);
    double[] v01B = negativeComponents(b.positives, b.negatives);
    // Var(A - B) = Var(A) + Var(B) - 2 Cov(A, B), each term summed over the positive (/m) and
    // negative (/n) components.
    double variance =
        (covariance(v10A, v10A) + covariance(v10B, v10B) - 2 * covariance(v10A, v10B)) / m
            + (covariance(v01A, v01A) + covariance(v01B, v01B) - 2 * covariance(v01A, v01B)) / n;
    double delta = aucA - aucB;
    if (variance <= 0) {
      if (delta == 0) {
        // Identical rankings: no evidence of a difference at all.
        return new Result(aucA, aucB, 0, 0, 0, 1);
      }
      throw new InvalidPredictionsException(
          "the AUCs differ by %s but DeLong's variance is 0; the test is undefined"
              .formatted(delta));
    }
    double z = delta / Math.sqrt(variance);
    double p = Math.min(1, 2 * distributions.normalCdf(-Math.abs(z)));
    return new Result(aucA, aucB, delta, variance, z, p);
  }

  /**
   * V10: for each positive x, the fraction of negatives y with ψ(x, y), where ψ is 1 for x &gt; y,
   * 1/2 for a tie, 0 otherwise. Their mean is the AUC. Positives are in the order given.
   */
  static double[] positiveComponents(float[] positives, float[] negatives) {
    float[] sorted = negatives.clone();
    Arrays.sort(sorted);
    double[] components = new double[positives.length];
    for (int i = 0; i < positives.length; i++) {
      int below = lowerBound(sorted, positives[i]);
      int tied = lowerBound(sorted, Math.nextUp(positives[i])) - below;
      components[i] = (below + 0.5 * tied) / sorted.length;
    }
    return components;
  }

  /** V01: for each negative y, the fraction of positives x with ψ(x, y). Their mean is the AUC. */
  static double[] negativeComponents(float[] positives, float[] negatives) {
    float[] sorted = positives.clone();
    Arrays.sort(sorted);
    double[] components = new double[negatives.length];
    for (int j = 0; j < negatives.length; j++) {
      int atOrBelow = lowerBound(sorted, Math.nextUp(negatives[j]));
      int tied = atOrBelow - lowerBound(sorted, negatives[j]);
      components[j] = (sorted.length - atOrBelow + 0.5 * tied) / sorted.length;
    }
    return components;
  }

  /** Index of the first element not below {@code value}. */
  private static int lowerBound(float[] sorted, float value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Sample covariance (n - 1), as DeLong et al. define S10 and S01. */
  static double covariance(double[] x, double[] y) {
    double meanX = Arrays.stream(x).average().orElseThrow();
    double meanY = Arrays.stream(y).average().orElseThrow();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - meanX) * (y[i] - meanY);
    }
    return sum / (x.length - 1);
  }

  /** One arm's scores split by label, each group in image order. */
  private record Groups(float[] positives, float[] negatives) {

    static Groups split(int[] labels, float[] scores) {
      int positiveCount = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] != 0 && labels[i] != 1) {
          throw new InvalidPredictionsException(
              "DeLong is for binary labels; image %d has label %d".formatted(i, labels[i]));
        }
        if (!Float.isFinite(scores[i])) {
          throw new InvalidPredictionsException(
              "score of image %d is %s; scores must be finite".formatted(i, scores[i]));
        }
        positiveCount += labels[i];
      }
      float[] positives = new float[positiveCount];
      float[] negatives = new float[labels.length - positiveCount];
      int p = 0;
      int q = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == 1) {
          positives[p++] = scores[i];
        } else {
          negatives[q++] = scores[i];
        }
      }
      return new Groups(positives, negatives);
    }
  }
}
