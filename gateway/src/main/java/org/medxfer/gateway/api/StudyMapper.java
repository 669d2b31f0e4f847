package org.medxfer.gateway.api;

import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.TrialCounts;

/** Studies to proto. */
public final class StudyMapper {

  private StudyMapper() {}

  /** The API form of a study. */
  public static org.medxfer.proto.study.v1.Study toProto(Study study) {
    org.medxfer.proto.study.v1.Study.Builder proto =
        org.medxfer.proto.study.v1.Study.newBuilder()
            .setName(study.name())
            .setDisplayName(study.displayName())
            .setState(toProto(study.state()))
            .setSpec(StudySpecMapper.toProto(study.definition()))
            .setTrialCounts(toProto(study.counts()))
            .setStudyFile(study.studyFile());
    study
        .skipped()
        .forEach(
            cell ->
                proto.addSkipped(
                    org.medxfer.proto.study.v1.SkippedTrial.newBuilder()
                        .setDisplayName(cell.displayName())
                        .setReason(cell.reason())));
    if (study.createTime() != null) {
      proto.setCreateTime(ProtoTimes.toProto(study.createTime()));
    }
    if (study.updateTime() != null) {
      proto.setUpdateTime(ProtoTimes.toProto(study.updateTime()));
    }
    if (study.failure() != null) {
      proto.setError(TrialMapper.toProto(study.failure()));
    }
    return proto.build();
  }

  /** The API form of a study state; UNSPECIFIED for a study that was only checked. */
  public static org.medxfer.proto.study.v1.StudyState toProto(StudyState state) {
    if (state == null) {
      return org.medxfer.proto.study.v1.StudyState.STUDY_STATE_UNSPECIFIED;
    }
    return switch (state) {
      case RUNNING -> org.medxfer.proto.study.v1.StudyState.STUDY_STATE_RUNNING;
      case SUCCEEDED -> org.medxfer.proto.study.v1.StudyState.STUDY_STATE_SUCCEEDED;
      case FAILED -> org.medxfer.proto.study.v1.StudyState.STUDY_STATE_FAILED;
      case CANCELLED -> org.medxfer.proto.study.v1.StudyState.STUDY_STATE_CANCELLED;
    };
  }

  static org.medxfer.proto.study.v1.TrialCounts toProto(TrialCounts counts) {
    return org.medxfer.proto.study.v1.TrialCounts.newBuilder()
        .setTotal(counts.total())
        .setQueued(counts.queued())
        .setRunning(counts.running())
        .setSucceeded(counts.succeeded())
        .setFailed(counts.failed())
        .setCancelled(counts.cancelled())
        .build();
  }
}
