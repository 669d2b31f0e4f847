package org.medxfer.dataset.domain;

/** The data set exists but belongs to another project than the caller's. */
public class DatasetAccessDeniedException extends RuntimeException {

  private final String datasetId;

  public DatasetAccessDeniedException(String datasetId) {
    super("datasets/" + datasetId + " belongs to another project");
    this.datasetId = datasetId;
  }

  public String datasetId() {
    return datasetId;
  }
}
