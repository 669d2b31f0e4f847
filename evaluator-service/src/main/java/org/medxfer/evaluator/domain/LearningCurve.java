package org.medxfer.evaluator.domain;

import java.util.Comparator;
import java.util.List;

/**
 * The learning curve of one trial attempt.
 *
 * @param totalEpochs epochs planned (more than {@code points} holds when training stopped early)
 * @param points one point per epoch run, in epoch order
 */
public record LearningCurve(
    TrialName trial, int attempt, int totalEpochs, List<LearningCurvePoint> points) {

  public LearningCurve {
    if (trial == null || points == null) {
      throw new IllegalArgumentException("a learning curve needs a trial and points");
    }
    points = points.stream().sorted(Comparator.comparingInt(LearningCurvePoint::epoch)).toList();
  }
}
