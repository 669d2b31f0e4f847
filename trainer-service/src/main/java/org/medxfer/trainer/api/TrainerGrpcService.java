package org.medxfer.trainer.api;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import org.medxfer.proto.trainer.v1.GetTrainerStatusRequest;
import org.medxfer.proto.trainer.v1.TrainerServiceGrpc;
import org.medxfer.proto.trainer.v1.TrainerState;
import org.medxfer.proto.trainer.v1.TrainerStatus;
import org.medxfer.trainer.domain.TrainerActivity;
import org.medxfer.trainer.infra.kafka.TrialEventPublisher;

/**
 * {@code medxfer.trainer.v1.TrainerService}: what this instance is training. Trials arrive over
 * Kafka; this API only reports, and it gives the trainer a gRPC server for health checks like every
 * service.
 */
@GrpcService
public class TrainerGrpcService extends TrainerServiceGrpc.TrainerServiceImplBase {

  private final TrainerActivity activity;
  private final String instanceId;

  public TrainerGrpcService(TrainerActivity activity, TrialEventPublisher publisher) {
    this.activity = activity;
    this.instanceId = publisher.trainerId();
  }

  @Override
  public void getTrainerStatus(
      GetTrainerStatusRequest request, StreamObserver<TrainerStatus> response) {
    response.onNext(toProto(instanceId, activity.snapshot()));
    response.onCompleted();
  }

  static TrainerStatus toProto(String instanceId, TrainerActivity.Snapshot snapshot) {
    TrainerStatus.Builder status =
        TrainerStatus.newBuilder()
            .setInstanceId(instanceId)
            .setState(TrainerState.TRAINER_STATE_IDLE)
            .setTrialsCompleted(snapshot.trialsCompleted())
            .setTrialsFailed(snapshot.trialsFailed());
    snapshot
        .current()
        .ifPresent(
            trial ->
                status
                    .setState(TrainerState.TRAINER_STATE_TRAINING)
                    .setTrial(trial.trial())
                    .setAttempt(trial.attempt())
                    .setEpoch(trial.epoch())
                    .setTotalEpochs(trial.totalEpochs())
                    .setTrialStartTime(
                        Timestamp.newBuilder()
                            .setSeconds(trial.startTime().getEpochSecond())
                            .setNanos(trial.startTime().getNano())));
    return status.build();
  }
}
