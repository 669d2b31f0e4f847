package org.medxfer.common.domain;

import java.util.Arrays;

/**
 * Area under the ROC curve, the one implementation medxfer has: the trainer's validation AUC and
 * the evaluator's test AUC both come from here. It is the Mann-Whitney statistic, the fraction of
 * (positive, negative) pairs in which the positive scores higher, a tie counting 1/2, computed in
 * exact integer arithmetic before the final division.
 */
public final class RocAuc {

  private RocAuc() {}

  /**
   * AUC of separating {@code positiveScores} from {@code negativeScores}.
   *
   * @throws IllegalArgumentException when either group is empty or a score is NaN (AUC is
   *     undefined)
   */
  public static double of(float[] positiveScores, float[] negativeScores) {
    if (positiveScores.length == 0 || negativeScores.length == 0) {
      throw new IllegalArgumentException(
          "AUC needs both positives and negatives, got %d positives and %d negatives"
              .formatted(positiveScores.length, negativeScores.length));
    }
    float[] positives = sortedCopy(positiveScores);
    float[] negatives = sortedCopy(negativeScores);
    // Twice the U statistic: 2 per negative strictly below a positive, 1 per negative tied with it.
    long twiceU = 0;
    int below = 0;
    int belowOrEqual = 0;
    for (float score : positives) {
      while (below < negatives.length && negatives[below] < score) {
        below++;
      }
      belowOrEqual = Math.max(belowOrEqual, below);
      while (belowOrEqual < negatives.length && negatives[belowOrEqual] == score) {
        belowOrEqual++;
      }
      twiceU += 2L * below + (belowOrEqual - below);
    }
    return twiceU / (2.0 * positives.length * negatives.length);
  }

  /**
   * AUC of {@code scores} for separating the images labelled {@code positiveLabel} from the rest.
   *
   * @throws IllegalArgumentException when either group is empty or a score is NaN
   */
  public static double oneVsRest(float[] scores, int[] labels, int positiveLabel) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + labels.length + " labels");
    }
    int positiveCount = count(labels, positiveLabel);
    float[] positives = new float[positiveCount];
    float[] negatives = new float[labels.length - positiveCount];
    int p = 0;
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == positiveLabel) {
        positives[p++] = scores[i];
      } else {
        negatives[n++] = scores[i];
      }
    }
    return of(positives, negatives);
  }

  /** Whether the one-vs-rest AUC of {@code positiveLabel} is defined: both groups have images. */
  public static boolean isDefined(int[] labels, int positiveLabel) {
    int positives = count(labels, positiveLabel);
    return positives > 0 && positives < labels.length;
  }

  private static int count(int[] labels, int label) {
    int count = 0;
    for (int value : labels) {
      if (value == label) {
        count++;
      }
    }
    return count;
  }

  private static float[] sortedCopy(float[] scores) {
    float[] copy = scores.clone();
    for (float score : copy) {
      if (Float.isNaN(score)) {
        throw new IllegalArgumentException("a score is NaN; AUC is undefined");
      }
    }
    Arrays.sort(copy);
    return copy;
  }
}
