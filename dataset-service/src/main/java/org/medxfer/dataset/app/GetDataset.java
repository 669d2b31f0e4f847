package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.dataset.domain.Dataset;
import org.medxfer.dataset.domain.DatasetAccessDeniedException;
import org.medxfer.dataset.domain.DatasetNotFoundException;
import org.medxfer.dataset.domain.DatasetRepository;

/** Looks up one data set for a caller of one project. */
@ApplicationScoped
public class GetDataset {

  private final DatasetRepository repository;

  public GetDataset(DatasetRepository repository) {
    this.repository = repository;
  }

  /**
   * The data set with this id, when it belongs to {@code project}.
   *
   * @throws DatasetNotFoundException when there is none
   * @throws DatasetAccessDeniedException when it belongs to another project
   */
  public Dataset get(String project, String datasetId) {
    Dataset dataset =
        repository
            .findDataset(datasetId)
            .orElseThrow(() -> new DatasetNotFoundException(datasetId));
    dataset.requireProject(project);
    return dataset;
  }
}
