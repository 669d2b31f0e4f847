package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.dataset.domain.Dataset;
import org.medxfer.dataset.domain.DatasetNotFoundException;
import org.medxfer.dataset.domain.DatasetRepository;
import org.medxfer.dataset.domain.DatasetVersion;
import org.medxfer.dataset.domain.DatasetVersionNotFoundException;

/** Looks up one version of a data set, or its newest. */
@ApplicationScoped
public class GetDatasetVersion {

  /** The version id that stands for the newest version. */
  public static final String LATEST = "latest";

  private final DatasetRepository repository;

  public GetDatasetVersion(DatasetRepository repository) {
    this.repository = repository;
  }

  /**
   * The version {@code versionId} (or {@link #LATEST}) of data set {@code datasetId}.
   *
   * @throws DatasetNotFoundException when the data set does not exist
   * @throws DatasetVersionNotFoundException when it has no such version
   */
  public DatasetVersion get(String datasetId, String versionId) {
    Dataset dataset =
        repository
            .findDataset(datasetId)
            .orElseThrow(() -> new DatasetNotFoundException(datasetId));
    String resolved = LATEST.equals(versionId) ? dataset.latestVersionId() : versionId;
    return repository
        .findVersion(datasetId, resolved)
        .orElseThrow(() -> new DatasetVersionNotFoundException(datasetId, versionId));
  }
}
