package org.medxfer.evaluator.domain;

import java.util.List;
import java.util.Optional;

/** Where trial metrics are kept: one row per trial attempt, never overwritten. */
public interface TrialMetricsRepository {

  /** Whether metrics of this attempt are stored already. */
  boolean contains(TrialName trial, int attempt);

  /**
   * Stores {@code metrics} unless its attempt is stored already.
   *
   * @return true when a row was added, false when the attempt had one (a repeated delivery)
   */
  boolean insertIfAbsent(TrialMetrics metrics);

  /** The metrics of the trial's latest attempt that has metrics. */
  Optional<TrialMetrics> findLatest(TrialName trial);

  /**
   * The latest attempt of each of the study's trials, ordered by trial id, starting after {@code
   * afterTrialId} (empty: from the first).
   */
  List<TrialMetrics> findLatestPerTrial(StudyName study, String afterTrialId, int limit);

  /** The latest attempt of every trial of the study, in no particular order. */
  List<TrialMetrics> findLatestPerTrial(StudyName study);

  /**
   * The comparison view of the latest attempt of every trial of the study that {@code filter}
   * keeps, in no particular order.
   */
  List<TrialResult> findLatestResults(StudyName study, ComparisonFilter filter);
}
