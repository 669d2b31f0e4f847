package org.medxfer.trainer.infra.kafka;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.medxfer.common.build.CodeVersion;
import org.medxfer.proto.trial.v1.EpochCompleted;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialCompleted;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.proto.trial.v1.TrialFailed;
import org.medxfer.proto.trial.v1.TrialStarted;
import org.medxfer.trainer.api.TrialFailureMapper;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.ParameterCounts;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrialEvents;

/**
 * The events of one attempt, as {@code TrialEvent} protos carrying the assignment's trial, study,
 * attempt and spec and this trainer's code version. Once {@link #cancel() cancelled} (the partition
 * moved to another trainer, or this one shuts down) it publishes nothing more, so a stopped attempt
 * cannot report an outcome.
 */
public final class KafkaTrialEvents implements TrialEvents {

  private final TrialEventPublisher publisher;
  private final TrialAssignment assignment;
  private volatile boolean cancelled;

  KafkaTrialEvents(TrialEventPublisher publisher, TrialAssignment assignment) {
    this.publisher = publisher;
    this.assignment = assignment;
  }

  /** Mutes this attempt. */
  public void cancel() {
    cancelled = true;
  }

  @Override
  public void started(ParameterCounts parameters) {
    publish(
        event()
            .setStarted(
                TrialStarted.newBuilder()
                    .setTrainableParameters(parameters.trainable())
                    .setTotalParameters(parameters.total())));
  }

  @Override
  public void epochCompleted(EpochMetrics metrics) {
    publish(
        event()
            .setEpoch(
                EpochCompleted.newBuilder()
                    .setEpoch(metrics.epoch())
                    .setTotalEpochs(assignment.getSpec().getTraining().getEpochs())
                    .setTrainLoss(metrics.trainLoss())
                    .setValLoss(metrics.valLoss())
                    .setValAuc(metrics.valAuc())
                    .setSteps(metrics.steps())
                    .setElapsedSeconds(metrics.elapsedSeconds())));
  }

  @Override
  public void completed(TrainingResult result, String predictionsKey) {
    publish(
        event()
            .setCompleted(
                TrialCompleted.newBuilder()
                    .setPredictionsKey(predictionsKey)
                    .setTrainingSeconds(result.trainingSeconds())
                    .setEpochsRun(result.curve().size())
                    .setBestEpoch(result.bestEpoch())
                    .setSteps(result.steps())));
  }

  @Override
  public void failed(FailureReason reason, String message) {
    publish(
        event()
            .setFailed(
                TrialFailed.newBuilder()
                    .setError(
                        TrialFailureMapper.toStatus(
                            reason, message, assignment.getTrial(), assignment.getAttempt()))));
  }

  private TrialEvent.Builder event() {
    Instant now = Instant.now();
    return TrialEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTrial(assignment.getTrial())
        .setStudy(assignment.getStudy())
        .setAttempt(assignment.getAttempt())
        .setEventTime(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setTrainerId(publisher.trainerId())
        .setCodeVersion(CodeVersion.current())
        .setSpec(assignment.getSpec());
  }

  private void publish(TrialEvent.Builder event) {
    if (cancelled) {
      return;
    }
    publisher.publish(event.build());
  }
}
