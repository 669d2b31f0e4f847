package org.medxfer.evaluator.domain;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded paired bootstrap confidence interval for ΔAUC = AUC(A) - AUC(B) of two arms scored on
 * the same test images. Paired: each resample draws images (with replacement) and takes both arms'
 * scores of the drawn images, so the correlation between arms is kept, as DeLong's test keeps it.
 *
 * <p>The AUC of a resample is MedMNIST's ({@link MedMnistMetrics}); a resample in which a class
 * vanishes has no AUC, so it is redrawn, and the number of redraws is reported so that a reader can
 * see when the interval rests on a test set too small for its classes.
 */
public final class PairedBootstrap {

  /** The fewest resamples the issue accepts for a reported interval. */
  public static final int MIN_RESAMPLES = 1000;

  /** Redraws allowed per accepted resample before the test set is declared too small. */
  static final int MAX_REDRAWS_PER_RESAMPLE = 10;

  private PairedBootstrap() {}

  /**
   * The interval.
   *
   * @param delta ΔAUC on the full test set
   * @param lower lower percentile bound
   * @param upper upper percentile bound
   * @param confidence the coverage asked for, e.g. 0.95
   * @param resamples resamples the interval is computed from
   * @param redrawn resamples drawn and discarded because a class vanished from them
   * @param seed the seed that reproduces the interval
   */
  public record Interval(
      double delta,
      double lower,
      double upper,
      double confidence,
      int resamples,
      long redrawn,
      long seed) {}

  /**
   * The percentile interval of ΔAUC at {@code confidence} from {@code resamples} resamples drawn by
   * {@link Random} seeded with {@code seed}, whose sequence Java specifies exactly, so the same
   * seed gives the same interval on every JVM.
   *
   * @throws InvalidPredictionsException when the arms are not on the same test set, their metrics
   *     are undefined, or classes vanish from more than {@value #MAX_REDRAWS_PER_RESAMPLE} draws
   *     per resample
   * @throws IllegalArgumentException for fewer than {@value #MIN_RESAMPLES} resamples or a
   *     confidence outside (0, 1)
   */
  public static Interval deltaAuc(
      Predictions a, Predictions b, int resamples, double confidence, long seed) {
    if (resamples < MIN_RESAMPLES) {
      throw new IllegalArgumentException(
          "at least %d resamples are needed, got %d".formatted(MIN_RESAMPLES, resamples));
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    checkPaired(a, b);
    double delta = MedMnistMetrics.evaluate(a).auc() - MedMnistMetrics.evaluate(b).auc();
    int n = a.count();
    int classes = a.numClasses();
    int[] labels = a.labels();
    Random random = new Random(seed);
    double[] deltas = new double[resamples];
    int[] drawn = new int[n];
    long redrawn = 0;
    long maxRedraws = (long) MAX_REDRAWS_PER_RESAMPLE * resamples;
    int accepted = 0;
    while (accepted < resamples) {
      for (int i = 0; i < n; i++) {
        drawn[i] = random.nextInt(n);
      }
      if (!allClassesPresent(labels, drawn, classes)) {
        if (++redrawn > maxRedraws) {
          throw new InvalidPredictionsException(
              "a class vanished from more than %d bootstrap resamples; the test set (%d images) is"
                      .formatted(maxRedraws, n)
                  + " too small for a bootstrap interval");
        }
        continue;
      }
      deltas[accepted++] =
          MedMnistMetrics.evaluate(resample(a, drawn)).auc()
              - MedMnistMetrics.evaluate(resample(b, drawn)).auc();
    }
    Arrays.sort(deltas);
    double alpha = 1 - confidence;
    return new Interval(
        delta,
        percentile(deltas, alpha / 2),
        percentile(deltas, 1 - alpha / 2),
        confidence,
        resamples,
        redrawn,
        seed);
  }

  private static void checkPaired(Predictions a, Predictions b) {
    if (a.taskType() != b.taskType()
        || a.numClasses() != b.numClasses()
        || !Arrays.equals(a.labels(), b.labels())) {
      throw new InvalidPredictionsException(
          "a paired comparison needs both arms on the same test set (same task, classes and"
              + " labels in the same order)");
    }
  }

  /** Whether every class MedMNIST's AUC needs is in the resample (binary: both classes). */
  private static boolean allClassesPresent(int[] labels, int[] drawn, int classes) {
    boolean[] present = new boolean[classes];
    int missing = classes;
    for (int index : drawn) {
      if (!present[labels[index]]) {
        present[labels[index]] = true;
        if (--missing == 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static Predictions resample(Predictions predictions, int[] drawn) {
    int classes = predictions.numClasses();
    int[] labels = new int[drawn.length];
    float[] scores = new float[drawn.length * classes];
    for (int i = 0; i < drawn.length; i++) {
      labels[i] = predictions.labels()[drawn[i]];
      System.arraycopy(predictions.scores(), drawn[i] * classes, scores, i * classes, classes);
    }
    return new Predictions(predictions.taskType(), classes, labels, scores);
  }

  /** Linearly interpolated percentile of sorted values (numpy's default, "linear"). */
  static double percentile(double[] sorted, double quantile) {
    double position = quantile * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
  }
}
