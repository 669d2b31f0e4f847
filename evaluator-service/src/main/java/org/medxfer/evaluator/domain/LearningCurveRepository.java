package org.medxfer.evaluator.domain;

import java.util.List;

/** Where learning curves are kept: one point per (trial, attempt, epoch), never overwritten. */
public interface LearningCurveRepository {

  /**
   * Stores {@code point} unless the epoch of that attempt is stored already (a repeated delivery).
   *
   * @return true when a point was added
   */
  boolean addIfAbsent(TrialName trial, int attempt, int totalEpochs, LearningCurvePoint point);

  /** Every curve of the study's trials, all attempts, in no particular order. */
  List<LearningCurve> findByStudy(StudyName study);
}
