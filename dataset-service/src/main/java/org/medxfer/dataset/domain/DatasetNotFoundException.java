package org.medxfer.dataset.domain;

/** No data set has this id. */
public class DatasetNotFoundException extends RuntimeException {

  private final String datasetId;

  public DatasetNotFoundException(String datasetId) {
    super("datasets/" + datasetId + " does not exist");
    this.datasetId = datasetId;
  }

  public String datasetId() {
    return datasetId;
  }
}
