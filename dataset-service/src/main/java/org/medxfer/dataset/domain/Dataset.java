package org.medxfer.dataset.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A named collection of labelled images with immutable versions. It belongs to the project that
 * first imported it; data set ids are unique across projects.
 *
 * @param project the project whose callers alone may see and change it
 * @param card the card of the newest version
 * @param latestVersionId the newest version's id
 * @param lastError why the last import failed, when {@code state} is FAILED
 */
public record Dataset(
    String datasetId,
    String project,
    String displayName,
    DatasetState state,
    Instant createTime,
    Instant updateTime,
    DatasetCard card,
    String latestVersionId,
    Optional<ImportError> lastError) {

  /**
   * Refuses a caller acting for another project.
   *
   * @throws DatasetAccessDeniedException when {@code callerProject} is not this data set's
   */
  public void requireProject(String callerProject) {
    if (!project.equals(callerProject)) {
      throw new DatasetAccessDeniedException(datasetId);
    }
  }
}
