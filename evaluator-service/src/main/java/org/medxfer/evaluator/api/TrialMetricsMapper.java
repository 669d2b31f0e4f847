package org.medxfer.evaluator.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.proto.evaluation.v1.TrialMetrics.Builder;
import org.medxfer.proto.trial.v1.TrialSpec;

/** Stored trial metrics as the API returns them. */
final class TrialMetricsMapper {

  private TrialMetricsMapper() {}

  static org.medxfer.proto.evaluation.v1.TrialMetrics toProto(TrialMetrics metrics) {
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
    return proto.build();
  }

  private static TrialSpec parseSpec(TrialMetrics metrics) {
    try {
      return TrialSpec.parseFrom(metrics.spec());
    } catch (InvalidProtocolBufferException e) {
      // The bytes were serialized from a parsed TrialSpec, so this is corruption, not input.
      throw new IllegalStateException("stored spec of " + metrics.trial() + " is unreadable", e);
    }
  }
}
