package org.medxfer.trainer.domain;

import java.util.Arrays;

/**
 * Area under the ROC curve via the Mann-Whitney U statistic, with tied scores sharing their average
 * rank (so a constant scorer gets exactly 0.5).
 */
public final class RocAuc {

  private RocAuc() {}

  /**
   * AUC of {@code scores} for separating images whose label is {@code positiveLabel} from the rest.
   *
   * @return NaN when either group is empty, since the AUC is undefined then
   */
  public static double oneVsRest(float[] scores, int[] labels, int positiveLabel) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + labels.length + " labels");
    }
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    long positives = 0;
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && Float.compare(scores[order[end + 1]], scores[order[start]]) == 0) {
        end++;
      }
      // Ranks are 1-based; every member of a tie gets the mean of the ranks the tie spans.
      double averageRank = (start + end) / 2.0 + 1;
      for (int i = start; i <= end; i++) {
        if (labels[order[i]] == positiveLabel) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double u = positiveRankSum - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }

  /**
   * The AUC a trial reports: for a binary task the AUC of the class-1 score; for multi-class the
   * unweighted mean over classes of one-vs-rest AUCs, skipping classes absent from {@code labels}.
   */
  public static double of(Scores scores, int[] labels, TaskType taskType) {
    if (taskType == TaskType.BINARY) {
      return oneVsRest(scores.column(1), labels, 1);
    }
    double sum = 0;
    int defined = 0;
    for (int k = 0; k < scores.classes(); k++) {
      double auc = oneVsRest(scores.column(k), labels, k);
      if (!Double.isNaN(auc)) {
        sum += auc;
        defined++;
      }
    }
    return defined == 0 ? Double.NaN : sum / defined;
  }
}
