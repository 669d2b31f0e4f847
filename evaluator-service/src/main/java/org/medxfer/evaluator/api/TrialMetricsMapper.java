package org.medxfer.evaluator.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.medxfer.evaluator.domain.MetricWarning;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.proto.evaluation.v1.MetricWarningKind;
import org.medxfer.proto.evaluation.v1.TrialMetrics.Builder;
import org.medxfer.proto.trial.v1.TrialSpec;

/** Stored trial metrics as the API returns them. */
public final class TrialMetricsMapper {

  private TrialMetricsMapper() {}

  public static org.medxfer.proto.evaluation.v1.TrialMetrics toProto(TrialMetrics metrics) {
    Builder proto =
        org.medxfer.proto.evaluation.v1.TrialMetrics.newBuilder()
            .setName(metrics.trial().metricsName())
            .setTrial(metrics.trial().toString())
            .setAttempt(metrics.attempt())
            .setSpec(parseSpec(metrics))
            .setTaskType(ProtoEnumMapper.toProto(metrics.taskType()))
            .setTestAuc(metrics.metrics().auc())
            .setTestAcc(metrics.metrics().acc())
            .setTestCount(metrics.metrics().count())
            .setTrainingSeconds(metrics.trainingSeconds())
            .setPredictionsKey(metrics.predictionsKey())
            .setCreateTime(
                Timestamp.newBuilder()
                    .setSeconds(metrics.createTime().getEpochSecond())
                    .setNanos(metrics.createTime().getNano()));
    metrics.codeVersion().ifPresent(proto::setCodeVersion);
    metrics
        .report()
        .ifPresent(
            report -> {
              proto
                  .setHasExtendedMetrics(true)
                  .setAuprc(report.auprc())
                  .setBalancedAccuracy(report.balancedAccuracy())
                  .setF1(report.f1())
                  .setExpectedCalibrationError(report.expectedCalibrationError())
                  .addAllRecall(report.recall())
                  .addAllSpecificity(report.specificity());
              report.warnings().forEach(w -> proto.addWarnings(toProto(w, "")));
            });
    return proto.build();
  }

  /** A warning, about {@code trial} when not empty (else about the whole test set or study). */
  static org.medxfer.proto.evaluation.v1.MetricWarning toProto(
      MetricWarning warning, String trial) {
    return org.medxfer.proto.evaluation.v1.MetricWarning.newBuilder()
        .setKind(
            switch (warning.kind()) {
              case ACCURACY_AT_MAJORITY_BASELINE ->
                  MetricWarningKind.METRIC_WARNING_KIND_ACCURACY_AT_MAJORITY_BASELINE;
              case CLASS_RARELY_RECALLED ->
                  MetricWarningKind.METRIC_WARNING_KIND_CLASS_RARELY_RECALLED;
              case MIXED_CODE_VERSIONS -> MetricWarningKind.METRIC_WARNING_KIND_MIXED_CODE_VERSIONS;
            })
        .setClassIndex(warning.classIndex())
        .setMessage(warning.message())
        .setTrial(trial)
        .build();
  }

  /** The trial's spec, as the trainer sent it. */
  static TrialSpec parseSpec(TrialMetrics metrics) {
    try {
      return TrialSpec.parseFrom(metrics.spec());
    } catch (InvalidProtocolBufferException e) {
      // The bytes were serialized from a parsed TrialSpec, so this is corruption, not input.
      throw new IllegalStateException("stored spec of " + metrics.trial() + " is unreadable", e);
    }
  }
}
