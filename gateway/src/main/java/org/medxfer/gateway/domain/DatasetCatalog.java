package org.medxfer.gateway.domain;

/** Port: the data sets a study may train on (dataset-service). */
public interface DatasetCatalog {

  /**
   * The version {@code ref} names (the newest when it names none), as {@code project} sees it: a
   * study trains only on data sets of its own project.
   *
   * @throws DependencyUnavailableException when the catalogue does not answer
   */
  DatasetLookup version(DatasetRef ref, String project);
}
