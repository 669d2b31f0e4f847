package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.dataset.domain.Dataset;
import org.medxfer.dataset.domain.DatasetAccessDeniedException;
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
  private final GetDataset getDataset;

  public GetDatasetVersion(DatasetRepository repository, GetDataset getDataset) {
    this.repository = repository;
    this.getDataset = getDataset;
  }

  /**
   * The version {@code versionId} (or {@link #LATEST}) of data set {@code datasetId}, when the data
   * set belongs to {@code project}.
   *
   * @throws DatasetNotFoundException when the data set does not exist
   * @throws DatasetAccessDeniedException when it belongs to another project
   * @throws DatasetVersionNotFoundException when it has no such version
   */
  public DatasetVersion get(String project, String datasetId, String versionId) {
    Dataset dataset = getDataset.get(project, datasetId);
    String resolved = LATEST.equals(versionId) ? dataset.latestVersionId() : versionId;
    return repository
        .findVersion(datasetId, resolved)
        .orElseThrow(() -> new DatasetVersionNotFoundException(datasetId, versionId));
  }
}
