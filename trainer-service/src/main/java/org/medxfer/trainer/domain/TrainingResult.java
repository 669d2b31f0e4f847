package org.medxfer.trainer.domain;

import java.util.List;

/**
 * What a finished trial hands on to the evaluator.
 *
 * @param testScores class probabilities on the test split, from the best-validation-AUC epoch
 * @param testLabels the test split's labels, in the same order
 * @param curve one entry per epoch run (fewer than planned after early stopping)
 * @param bestEpoch the 1-based epoch whose weights produced {@code testScores}
 * @param trainingSeconds wall-clock seconds from the first step to the last test prediction,
 *     validation included; data loading, graph construction and weight loading excluded
 * @param steps optimizer steps taken
 */
public record TrainingResult(
    Scores testScores,
    int[] testLabels,
    List<EpochMetrics> curve,
    int bestEpoch,
    double trainingSeconds,
    long steps) {

  public TrainingResult {
    curve = List.copyOf(curve);
  }

  /** The validation AUC of the epoch that was selected. */
  public double bestValAuc() {
    return curve.get(bestEpoch - 1).valAuc();
  }
}
