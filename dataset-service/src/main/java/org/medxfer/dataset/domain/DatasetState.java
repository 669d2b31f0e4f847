package org.medxfer.dataset.domain;

/** Where a data set is in its lifecycle. */
public enum DatasetState {
  /** At least one version is ready to train on. */
  READY,
  /** The last import failed; earlier versions stay usable. */
  FAILED
}
