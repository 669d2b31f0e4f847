package org.medxfer.systemtests;

import org.medxfer.proto.trial.v1.TestPredictions;

/**
 * AUC by its definition, independent of the evaluator's implementation: the fraction of (positive,
 * negative) pairs in which the positive image scores higher, ties counting one half. Quadratic,
 * which is fine for a test split of a few hundred images.
 */
final class PairwiseAuc {

  private PairwiseAuc() {}

  /** Binary AUC of the positive class (column 1) score. */
  static double binary(TestPredictions predictions) {
    int classes = predictions.getNumClasses();
    int n = predictions.getLabelsCount();
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      if (predictions.getLabels(i) != 1) {
        continue;
      }
      float positive = predictions.getScores(i * classes + 1);
      for (int j = 0; j < n; j++) {
        if (predictions.getLabels(j) != 0) {
          continue;
        }
        float negative = predictions.getScores(j * classes + 1);
        wins += positive > negative ? 1.0 : positive == negative ? 0.5 : 0.0;
        pairs++;
      }
    }
    return wins / pairs;
  }
}
