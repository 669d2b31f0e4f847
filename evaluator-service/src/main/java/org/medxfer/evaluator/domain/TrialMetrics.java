package org.medxfer.evaluator.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The stored result of one trial attempt: its test metrics and what they were computed from.
 *
 * @param spec the trial's spec as the trainer reported it (serialized {@code TrialSpec}), kept
 *     whole so that nothing of the cell is lost to the factor columns
 * @param trainingSeconds wall-clock training seconds reported by the trainer
 * @param predictionsKey object-store key of the predictions the metrics were computed from
 * @param createTime when the metrics were computed
 * @param report the metrics beyond AUC and ACC; empty only for attempts stored before they existed
 * @param codeVersion the code version of the trainer that trained the attempt; empty when it was
 *     not recorded (trainers, and attempts stored, before trials carried one)
 */
public record TrialMetrics(
    TrialName trial,
    int attempt,
    TrialFactors factors,
    byte[] spec,
    TaskType taskType,
    TestMetrics metrics,
    double trainingSeconds,
    String predictionsKey,
    Instant createTime,
    Optional<ClassificationReport> report,
    Optional<String> codeVersion) {

  public TrialMetrics {
    if (trial == null || factors == null || spec == null || taskType == null) {
      throw new IllegalArgumentException("trial metrics need a trial, factors, spec and task type");
    }
    if (metrics == null
        || predictionsKey == null
        || createTime == null
        || report == null
        || codeVersion == null) {
      throw new IllegalArgumentException(
          "trial metrics need metrics, a key, a time, a report and a code version (maybe empty)");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    spec = spec.clone();
  }

  /** The part of these metrics comparisons use. */
  public TrialResult result() {
    return new TrialResult(trial, factors, metrics.auc(), metrics.acc(), trainingSeconds);
  }

  @Override
  public byte[] spec() {
    return spec.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrialMetrics that
        && trial.equals(that.trial)
        && attempt == that.attempt
        && factors.equals(that.factors)
        && Arrays.equals(spec, that.spec)
        && taskType == that.taskType
        && metrics.equals(that.metrics)
        && Double.compare(trainingSeconds, that.trainingSeconds) == 0
        && predictionsKey.equals(that.predictionsKey)
        && createTime.equals(that.createTime)
        && report.equals(that.report)
        && codeVersion.equals(that.codeVersion);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * trial.hashCode() + attempt) + Arrays.hashCode(spec);
  }

  @Override
  public String toString() {
    return "TrialMetrics[%s attempt %d: auc=%s acc=%s n=%d]"
        .formatted(trial, attempt, metrics.auc(), metrics.acc(), metrics.count());
  }
}
