package org.medxfer.evaluator.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.evaluator.domain.LearningCurveRepository;
import org.medxfer.evaluator.domain.PredictionsRepository;
import org.medxfer.evaluator.domain.ReportSettings;
import org.medxfer.evaluator.domain.StudyAnalysis;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.StudyReport;
import org.medxfer.evaluator.domain.TrialMetricsRepository;

/**
 * A study's report, over the latest attempt of each trial with metrics. Like comparisons, a study
 * with no finished trial (or none at all) reports as empty rather than NOT_FOUND.
 */
@ApplicationScoped
public class ReportStudy {

  private final TrialMetricsRepository metrics;
  private final LearningCurveRepository curves;
  private final PredictionsRepository predictions;
  private final StudyAnalysis analysis;

  ReportStudy(
      TrialMetricsRepository metrics,
      LearningCurveRepository curves,
      PredictionsRepository predictions,
      StudyAnalysis analysis) {
    this.metrics = metrics;
    this.curves = curves;
    this.predictions = predictions;
    this.analysis = analysis;
  }

  /** The report of {@code study}. */
  public StudyReport report(StudyName study, ReportSettings settings) {
    return analysis.analyse(
        study, metrics.findLatestPerTrial(study), curves.findByStudy(study), predictions, settings);
  }
}
