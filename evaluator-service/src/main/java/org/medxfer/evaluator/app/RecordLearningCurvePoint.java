package org.medxfer.evaluator.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.evaluator.domain.LearningCurvePoint;
import org.medxfer.evaluator.domain.LearningCurveRepository;
import org.medxfer.evaluator.domain.TrialName;

/** Stores one epoch of a trial attempt's learning curve, once per epoch. */
@ApplicationScoped
public class RecordLearningCurvePoint {

  private final LearningCurveRepository curves;

  RecordLearningCurvePoint(LearningCurveRepository curves) {
    this.curves = curves;
  }

  /**
   * Records {@code point}.
   *
   * @return false when the epoch was stored already (a repeated delivery)
   */
  public boolean record(TrialName trial, int attempt, int totalEpochs, LearningCurvePoint point) {
    return curves.addIfAbsent(trial, attempt, totalEpochs, point);
  }
}
