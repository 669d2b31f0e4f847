package org.medxfer.evaluator.domain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything a study report shows, computed from the stored results, curves and predictions.
 *
 * @param arms one entry per arm (every factor), sorted by the factors
 * @param initComparisons each non-random initialisation against random in the same cell
 * @param curves the learning curve of each trial's latest attempt with metrics
 * @param referenceChecks arms that reproduce a registered protocol
 * @param acrossDatasets tests across data sets; empty when the study has one data set
 * @param warnings every trial's metric warnings, with the trial, then the study's own (mixed code
 *     versions)
 * @param codeVersions the code versions that trained the trials, with their trial counts: ascending
 *     by version, the trials that recorded none last
 */
public record StudyReport(
    StudyName study,
    ReportSettings settings,
    List<Arm> arms,
    List<InitComparison> initComparisons,
    List<Curve> curves,
    List<ReferenceCheck> referenceChecks,
    List<AcrossDatasetTest> acrossDatasets,
    List<TrialWarning> warnings,
    List<CodeVersionCount> codeVersions) {

  /**
   * An arm with its extended metrics (means over the trials that have them) and convergence.
   *
   * @param seeds the seeds of its trials, ascending
   */
  public record Arm(
      ArmSummary summary,
      OptionalDouble meanAuprc,
      OptionalDouble meanBalancedAccuracy,
      OptionalDouble meanF1,
      OptionalDouble meanExpectedCalibrationError,
      List<Long> seeds,
      ArmConvergence convergence) {}

  /**
   * Convergence of an arm's trials.
   *
   * @param curves trials with a learning curve
   * @param reached trials whose validation AUC reached the target
   * @param meanStepsToTarget over the trials that reached it
   * @param meanSecondsToTarget over the trials that reached it
   * @param meanAreaUnderValCurve over the trials with a curve
   * @param speedupOverRandom random's mean steps to target over this arm's, when every trial of
   *     both arms reached the target
   */
  public record ArmConvergence(
      int curves,
      int reached,
      OptionalDouble meanStepsToTarget,
      OptionalDouble meanSecondsToTarget,
      OptionalDouble meanAreaUnderValCurve,
      OptionalDouble speedupOverRandom) {}

  /**
   * One initialisation against random in one cell (the arm key without its initialisation).
   *
   * @param seeds the seeds present in both arms, ascending; the pairs
   * @param interval paired bootstrap interval of the mean over pairs of ΔAUC = init - random
   * @param delong DeLong's test per pair; empty unless the data set is binary
   */
  public record InitComparison(
      ArmKey cell,
      InitSpec init,
      List<Long> seeds,
      PairedBootstrap.Interval interval,
      List<SeedDeLong> delong) {}

  /** DeLong's test of one seed pair (A = the initialisation, B = random). */
  public record SeedDeLong(long seed, DeLongComparison.Result result) {}

  /** A learning curve with the factors of its trial. */
  public record Curve(LearningCurve curve, TrialMetrics trial) {}

  /**
   * A test of initialisations across data sets.
   *
   * @param test {@code wilcoxon} or {@code friedman}
   * @param description what was compared
   * @param adjustedPValue Holm-adjusted over the report's Wilcoxon tests; the p-value for Friedman
   */
  public record AcrossDatasetTest(
      String test,
      String description,
      int datasets,
      double statistic,
      double pValue,
      double adjustedPValue) {}

  /** A metric warning of one trial, or of the whole study when {@code trial} is empty. */
  public record TrialWarning(Optional<TrialName> trial, MetricWarning warning) {}

  /**
   * How many of the report's trials one code version trained.
   *
   * @param codeVersion empty for the trials that recorded none
   */
  public record CodeVersionCount(Optional<String> codeVersion, int trials) {}
}
