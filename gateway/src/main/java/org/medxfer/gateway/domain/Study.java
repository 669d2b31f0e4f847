package org.medxfer.gateway.domain;

import java.time.Instant;
import java.util.List;

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
 * @param skipped cells left out because they cannot run; filled in only by a create
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
    TrialCounts counts,
    List<SkippedCell> skipped) {

  public Study {
    studyFile = studyFile == null ? "" : studyFile;
    requestId = requestId == null ? "" : requestId;
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /** A study as stored, without the create's list of skipped cells. */
  public Study(
      String name,
      StudyState state,
      Instant createTime,
      Instant updateTime,
      Failure failure,
      StudyDefinition definition,
      String studyFile,
      String requestId,
      TrialCounts counts) {
    this(
        name,
        state,
        createTime,
        updateTime,
        failure,
        definition,
        studyFile,
        requestId,
        counts,
        List.of());
  }

  /** This study with {@code cells} listed as skipped. */
  public Study withSkipped(List<SkippedCell> cells) {
    return new Study(
        name,
        state,
        createTime,
        updateTime,
        failure,
        definition,
        studyFile,
        requestId,
        counts,
        cells);
  }

  /** The study file's {@code name}. */
  public String displayName() {
    return definition.displayName();
  }
}
