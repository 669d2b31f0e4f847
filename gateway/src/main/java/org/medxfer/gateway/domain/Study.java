package org.medxfer.gateway.domain;

import java.time.Instant;

/**
 * A controlled experiment: the cross product of its factors, run as trials.
 *
 * @param name {@code studies/{study}}
 * @param state where it is in its lifecycle; null for a study checked but not created
 * @param createTime when it was created
 * @param updateTime when its state or a trial's state last changed
 * @param failure why it failed; null unless FAILED
 * @param definition its factors and settings
 * @param studyFile the study file as submitted; empty when given as a spec
 * @param requestId the create request's id; empty when none was given
 * @param counts its trials per state
 */
public record Study(
    String name,
    StudyState state,
    Instant createTime,
    Instant updateTime,
    Failure failure,
    StudyDefinition definition,
    String studyFile,
    String requestId,
    TrialCounts counts) {

  public Study {
    studyFile = studyFile == null ? "" : studyFile;
    requestId = requestId == null ? "" : requestId;
  }

  /** The study file's {@code name}. */
  public String displayName() {
    return definition.displayName();
  }
}
