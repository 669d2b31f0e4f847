package org.medxfer.gateway.api;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import java.time.Instant;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.gateway.domain.DataLocation;
import org.medxfer.gateway.domain.EpochProgress;
import org.medxfer.gateway.domain.Failure;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.TaskType;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialCell;
import org.medxfer.gateway.domain.TrialReport;
import org.medxfer.gateway.domain.TrialSetup;
import org.medxfer.gateway.domain.TrialState;
import org.medxfer.gateway.domain.TrialUpdate;
import org.medxfer.proto.dataset.v1.ImageShape;
import org.medxfer.proto.trial.v1.EpochCompleted;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.proto.trial.v1.TrialSpec;

/** Trials, their specs, data locations, progress and failures to and from proto. */
public final class TrialMapper {

  private TrialMapper() {}

  /** The API form of a trial. */
  public static org.medxfer.proto.study.v1.Trial toProto(Trial trial) {
    org.medxfer.proto.study.v1.Trial.Builder proto =
        org.medxfer.proto.study.v1.Trial.newBuilder()
            .setName(trial.name())
            .setDisplayName(trial.displayName())
            .setState(toProto(trial.state()))
            .setCreateTime(ProtoTimes.toProto(trial.createTime()))
            .setUpdateTime(ProtoTimes.toProto(trial.updateTime()))
            .setSpec(toProto(trial.setup()))
            .setAttempt(trial.attempt())
            .setTrainingSeconds(trial.trainingSeconds())
            .setPredictionsKey(trial.predictionsKey());
    if (trial.progress() != null) {
      proto.setProgress(toProto(trial.progress()));
    }
    if (trial.failure() != null) {
      proto.setError(toProto(trial.failure()));
    }
    return proto.build();
  }

  /** The Kafka assignment of a trial's current attempt. */
  public static TrialAssignment toAssignment(Trial trial, Instant now) {
    return TrialAssignment.newBuilder()
        .setTrial(trial.name())
        .setStudy(trial.study())
        .setAttempt(trial.attempt())
        .setSpec(toProto(trial.setup()))
        .setData(toProto(trial.data()))
        .setOutputPrefix(trial.outputPrefix())
        .setCheckpointPrefix(ResourceNames.checkpointPrefix(trial.name()))
        .setAssignTime(ProtoTimes.toProto(now))
        .build();
  }

  /**
   * The report in a trainer's event.
   *
   * @throws IllegalArgumentException when the event carries no payload or no trial
   */
  public static TrialReport toReport(TrialEvent event) {
    if (event.getTrial().isEmpty()) {
      throw new IllegalArgumentException("event " + event.getEventId() + " names no trial");
    }
    TrialUpdate update =
        switch (event.getPayloadCase()) {
          case STARTED -> new TrialUpdate.Started();
          case EPOCH -> new TrialUpdate.EpochFinished(toDomain(event.getEpoch()));
          case COMPLETED ->
              new TrialUpdate.Completed(
                  event.getCompleted().getTrainingSeconds(),
                  event.getCompleted().getPredictionsKey());
          case FAILED -> new TrialUpdate.Failed(toDomain(event.getFailed().getError()));
          default ->
              throw new IllegalArgumentException(
                  "event " + event.getEventId() + " of " + event.getTrial() + " has no payload");
        };
    return new TrialReport(event.getTrial(), event.getAttempt(), update);
  }

  /** The API form of a trial's setup. */
  public static TrialSpec toProto(TrialSetup setup) {
    TrialCell cell = setup.cell();
    TrialSpec.Builder spec = TrialSpec.newBuilder();
    if (setup.customCnn() != null) {
      spec.setCustomCnn(StudySpecMapper.toProto(setup.customCnn()));
    }
    return spec.setDataset(cell.dataset())
        .setDatasetVersion(setup.datasetVersion())
        .setArchitecture(cell.architecture())
        .setInit(StudySpecMapper.toProto(cell.init()))
        .setAdaptation(StudySpecMapper.toProto(cell.adaptation()))
        .setLabelFraction(cell.labelFraction())
        .setResolution(cell.resolution())
        .setResize(StudySpecMapper.toProto(setup.resize()))
        .setSeed(cell.seed())
        .setTraining(StudySpecMapper.toProto(setup.training()))
        .build();
  }

  /** The setup of a stored spec, at position {@code ordinal} of its study. */
  public static TrialSetup toDomain(TrialSpec spec, int ordinal) {
    TrialCell cell =
        new TrialCell(
            ordinal,
            spec.getDataset(),
            spec.getArchitecture(),
            StudySpecMapper.toDomain(spec.getInit()),
            StudySpecMapper.toDomain(spec.getAdaptation()),
            spec.getLabelFraction(),
            spec.getResolution(),
            spec.getSeed());
    return new TrialSetup(
        cell,
        spec.getDatasetVersion(),
        StudySpecMapper.toDomain(spec.getResize()),
        StudySpecMapper.toDomain(spec.getTraining()),
        spec.hasCustomCnn() ? StudySpecMapper.toDomain(spec.getCustomCnn()) : null);
  }

  /** The proto form of a data location. */
  public static org.medxfer.proto.trial.v1.DataLocation toProto(DataLocation data) {
    return org.medxfer.proto.trial.v1.DataLocation.newBuilder()
        .setTaskType(toProto(data.taskType()))
        .setNumClasses(data.numClasses())
        .addAllClassNames(data.classNames())
        .setImageShape(
            ImageShape.newBuilder()
                .setHeight(data.height())
                .setWidth(data.width())
                .setChannels(data.channels()))
        .setTrainShardKey(data.trainShardKey())
        .setValShardKey(data.valShardKey())
        .setTestShardKey(data.testShardKey())
        .build();
  }

  /** The data location of its proto form, for version {@code datasetVersion}. */
  public static DataLocation toDomain(
      org.medxfer.proto.trial.v1.DataLocation data, String datasetVersion) {
    return new DataLocation(
        datasetVersion,
        toDomain(data.getTaskType()),
        data.getNumClasses(),
        data.getClassNamesList(),
        data.getImageShape().getHeight(),
        data.getImageShape().getWidth(),
        data.getImageShape().getChannels(),
        data.getTrainShardKey(),
        data.getValShardKey(),
        data.getTestShardKey());
  }

  /** The proto form of progress. */
  public static EpochCompleted toProto(EpochProgress progress) {
    return EpochCompleted.newBuilder()
        .setEpoch(progress.epoch())
        .setTotalEpochs(progress.totalEpochs())
        .setTrainLoss(progress.trainLoss())
        .setValLoss(progress.valLoss())
        .setValAuc(progress.valAuc())
        .setSteps(progress.steps())
        .setElapsedSeconds(progress.elapsedSeconds())
        .build();
  }

  /** Progress from its proto form. */
  public static EpochProgress toDomain(EpochCompleted epoch) {
    return new EpochProgress(
        epoch.getEpoch(),
        epoch.getTotalEpochs(),
        epoch.getTrainLoss(),
        epoch.getValLoss(),
        epoch.getValAuc(),
        epoch.getSteps(),
        epoch.getElapsedSeconds());
  }

  /** A failure as a {@code google.rpc.Status} with an ErrorInfo when it has a reason. */
  public static Status toProto(Failure failure) {
    Status.Builder status =
        Status.newBuilder().setCode(failure.code()).setMessage(failure.message());
    if (!failure.reason().isEmpty()) {
      status.addDetails(
          Any.pack(
              ErrorInfo.newBuilder()
                  .setReason(failure.reason())
                  .setDomain(GrpcErrors.DOMAIN)
                  .build()));
    }
    return status.build();
  }

  /** A failure from a {@code google.rpc.Status}; the reason is its ErrorInfo's, if any. */
  public static Failure toDomain(Status status) {
    String reason = "";
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          reason = detail.unpack(ErrorInfo.class).getReason();
        } catch (InvalidProtocolBufferException e) {
          reason = "";
        }
        break;
      }
    }
    return new Failure(status.getCode(), reason, status.getMessage());
  }

  /** The API form of a trial state. */
  public static org.medxfer.proto.study.v1.TrialState toProto(TrialState state) {
    return switch (state) {
      case QUEUED -> org.medxfer.proto.study.v1.TrialState.TRIAL_STATE_QUEUED;
      case RUNNING -> org.medxfer.proto.study.v1.TrialState.TRIAL_STATE_RUNNING;
      case SUCCEEDED -> org.medxfer.proto.study.v1.TrialState.TRIAL_STATE_SUCCEEDED;
      case FAILED -> org.medxfer.proto.study.v1.TrialState.TRIAL_STATE_FAILED;
      case CANCELLED -> org.medxfer.proto.study.v1.TrialState.TRIAL_STATE_CANCELLED;
    };
  }

  /** The task type of its proto form; null when unspecified. */
  public static TaskType toDomain(org.medxfer.proto.dataset.v1.TaskType taskType) {
    return switch (taskType) {
      case TASK_TYPE_BINARY -> TaskType.BINARY;
      case TASK_TYPE_MULTI_CLASS -> TaskType.MULTI_CLASS;
      case TASK_TYPE_MULTI_LABEL -> TaskType.MULTI_LABEL;
      case TASK_TYPE_ORDINAL -> TaskType.ORDINAL;
      default -> null;
    };
  }

  static org.medxfer.proto.dataset.v1.TaskType toProto(TaskType taskType) {
    if (taskType == null) {
      return org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_UNSPECIFIED;
    }
    return switch (taskType) {
      case BINARY -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_BINARY;
      case MULTI_CLASS -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_CLASS;
      case MULTI_LABEL -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_LABEL;
      case ORDINAL -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_ORDINAL;
    };
  }
}
