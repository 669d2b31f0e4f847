package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.gateway.domain.InvalidRequestException;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.StudyAccessDeniedException;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.Violation;

/**
 * Checks that a caller's project owns the study (or trial) a call names. A study of another project
 * answers {@code PERMISSION_DENIED}, as the platform's rules say; a name no study has passes, so
 * that the call itself answers {@code NOT_FOUND} (or {@code INVALID_ARGUMENT} for a malformed
 * name). Lists never show another project's names.
 */
@ApplicationScoped
public class StudyAccess {

  private final StudyRepository repository;

  public StudyAccess(StudyRepository repository) {
    this.repository = repository;
  }

  /** Throws {@link StudyAccessDeniedException} when study {@code name} is another project's. */
  public void requireStudy(String name, String project) {
    repository
        .projectOf(name)
        .filter(owner -> !owner.equals(project))
        .ifPresent(
            owner -> {
              throw new StudyAccessDeniedException(name);
            });
  }

  /**
   * Lets a call about study {@code name}, sent in request field {@code field}, through to
   * evaluator-service, which leaves projects to the gateway: the study must exist and be {@code
   * project}'s. Unlike {@link #requireStudy}, an unknown study is refused here ({@link
   * StudyNotFoundException}), because evaluator-service knows no studies, only results, and would
   * answer an empty page rather than say that the study does not exist.
   */
  public void requireExistingStudy(String name, String field, String project) {
    if (!ResourceNames.isStudyName(name)) {
      throw new InvalidRequestException(
          new Violation(field, "must be a study name: studies/{study}"));
    }
    String owner = repository.projectOf(name).orElseThrow(() -> new StudyNotFoundException(name));
    if (!owner.equals(project)) {
      throw new StudyAccessDeniedException(name);
    }
  }

  /**
   * {@link #requireExistingStudy} for the study of a trial's metrics, {@code
   * studies/{study}/trials/{trial}/metrics}, sent in request field {@code field}.
   */
  public void requireExistingStudyOfTrialMetrics(String name, String field, String project) {
    String study =
        ResourceNames.studyOfTrialMetrics(name)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        new Violation(
                            field,
                            "must be a trial's metrics: studies/{study}/trials/{trial}/metrics")));
    requireExistingStudy(study, field, project);
  }

  /** The same check for the study trial {@code name} belongs to. */
  public void requireTrial(String name, String project) {
    ResourceNames.studyOfTrial(name).ifPresent(study -> requireStudy(study, project));
  }
}
