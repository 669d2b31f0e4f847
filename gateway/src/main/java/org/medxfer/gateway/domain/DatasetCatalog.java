package org.medxfer.gateway.domain;

/** Port: the data sets a study may train on (dataset-service). */
public interface DatasetCatalog {

  /**
   * The newest version of data set {@code datasetId}.
   *
   * @throws DependencyUnavailableException when the catalogue does not answer
   */
  DatasetLookup latestVersion(String datasetId);
}
