package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.StudyAccessDeniedException;
import org.medxfer.gateway.domain.StudyRepository;

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

  /** The same check for the study trial {@code name} belongs to. */
  public void requireTrial(String name, String project) {
    ResourceNames.studyOfTrial(name).ifPresent(study -> requireStudy(study, project));
  }
}
