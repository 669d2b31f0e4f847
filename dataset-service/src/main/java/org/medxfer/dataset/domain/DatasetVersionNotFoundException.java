package org.medxfer.dataset.domain;

/** The data set exists but has no version with this id. */
public class DatasetVersionNotFoundException extends RuntimeException {

  private final String datasetId;
  private final String versionId;

  public DatasetVersionNotFoundException(String datasetId, String versionId) {
    super("datasets/" + datasetId + "/versions/" + versionId + " does not exist");
    this.datasetId = datasetId;
    this.versionId = versionId;
  }

  public String datasetId() {
    return datasetId;
  }

  public String versionId() {
    return versionId;
  }
}
