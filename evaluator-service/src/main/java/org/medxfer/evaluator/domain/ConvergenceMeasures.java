package org.medxfer.evaluator.domain;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How fast one trial attempt learned, read from its validation curve.
 *
 * <p>Steps and seconds to target are those of the first epoch whose validation AUC is at or above
 * the target (the trainer validates once per epoch, so that is the resolution). The area under the
 * validation curve is normalised to [0, 1]: the mean validation AUC over the planned epochs, an
 * epoch not run (stopped early) counting with the last validation AUC reached, so a trial that
 * stopped early because it had converged is not penalised for the epochs it skipped.
 *
 * @param stepsToTarget optimiser steps when the target was first reached; empty when never
 * @param secondsToTarget training seconds when the target was first reached; empty when never
 * @param areaUnderValCurve the normalised area
 * @param bestValAuc highest validation AUC of the curve
 */
public record ConvergenceMeasures(
    OptionalLong stepsToTarget,
    OptionalDouble secondsToTarget,
    double areaUnderValCurve,
    double bestValAuc) {

  /**
   * The measures of {@code curve} for {@code targetValAuc}.
   *
   * @throws IllegalArgumentException when the curve has no point or the target is outside (0, 1]
   */
  public static ConvergenceMeasures of(LearningCurve curve, double targetValAuc) {
    if (!(targetValAuc > 0 && targetValAuc <= 1)) {
      throw new IllegalArgumentException(
          "target validation AUC must be in (0, 1], got " + targetValAuc);
    }
    List<LearningCurvePoint> points = curve.points();
    if (points.isEmpty()) {
      throw new IllegalArgumentException("the curve of " + curve.trial() + " has no point");
    }
    OptionalLong steps = OptionalLong.empty();
    OptionalDouble seconds = OptionalDouble.empty();
    double best = 0;
    for (LearningCurvePoint point : points) {
      best = Math.max(best, point.valAuc());
      if (steps.isEmpty() && point.valAuc() >= targetValAuc) {
        steps = OptionalLong.of(point.steps());
        seconds = OptionalDouble.of(point.elapsedSeconds());
      }
    }
    int planned = Math.max(curve.totalEpochs(), points.get(points.size() - 1).epoch());
    double sum = 0;
    int next = 0;
    double current = 0;
    for (int epoch = 1; epoch <= planned; epoch++) {
      while (next < points.size() && points.get(next).epoch() <= epoch) {
        current = points.get(next).valAuc();
        next++;
      }
      sum += current;
    }
    return new ConvergenceMeasures(steps, seconds, sum / planned, best);
  }
}
