package org.medxfer.trainer.domain;

import org.medxfer.common.domain.LabelMasks;

/**
 * The validation AUC a trial reports each epoch. Unlike a test AUC it must not stop training when a
 * small validation split lacks a class, so undefined parts are NaN or skipped rather than errors.
 */
public final class RocAuc {

  private RocAuc() {}

  /**
   * AUC of {@code scores} for separating images whose label is {@code positiveLabel} from the rest
   * (the shared {@link org.medxfer.common.domain.RocAuc}).
   *
   * @return NaN when either group is empty, since the AUC is undefined then
   */
  public static double oneVsRest(float[] scores, int[] labels, int positiveLabel) {
    if (!org.medxfer.common.domain.RocAuc.isDefined(labels, positiveLabel)) {
      return Double.NaN;
    }
    return org.medxfer.common.domain.RocAuc.oneVsRest(scores, labels, positiveLabel);
  }

  /**
   * The AUC a trial reports: for a binary task the AUC of the class-1 score; for multi-class and
   * ordinal the unweighted mean over classes of one-vs-rest AUCs, skipping classes absent from
   * {@code labels}; for multi-label ({@code labels} are bit masks) the unweighted mean over labels
   * of each label's AUC (present vs absent), skipping a label that every image has or none has.
   */
  public static double of(Scores scores, int[] labels, TaskType taskType) {
    if (taskType == TaskType.BINARY) {
      return oneVsRest(scores.column(1), labels, 1);
    }
    double sum = 0;
    int defined = 0;
    for (int k = 0; k < scores.classes(); k++) {
      // A validation split too small to hold both outcomes of a label says nothing about it; the
      // epoch still gets the mean of the labels it can judge (NaN only when it can judge none).
      double auc =
          taskType == TaskType.MULTI_LABEL
              ? oneVsRest(scores.column(k), LabelMasks.presence(labels, k), 1)
              : oneVsRest(scores.column(k), labels, k);
      if (!Double.isNaN(auc)) {
        sum += auc;
        defined++;
      }
    }
    return defined == 0 ? Double.NaN : sum / defined;
  }
}
