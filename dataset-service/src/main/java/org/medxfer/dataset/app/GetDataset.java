package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.dataset.domain.Dataset;
import org.medxfer.dataset.domain.DatasetNotFoundException;
import org.medxfer.dataset.domain.DatasetRepository;

/** Looks up one data set. */
@ApplicationScoped
public class GetDataset {

  private final DatasetRepository repository;

  public GetDataset(DatasetRepository repository) {
    this.repository = repository;
  }

  /**
   * The data set with this id.
   *
   * @throws DatasetNotFoundException when there is none
   */
  public Dataset get(String datasetId) {
    return repository
        .findDataset(datasetId)
        .orElseThrow(() -> new DatasetNotFoundException(datasetId));
  }
}
