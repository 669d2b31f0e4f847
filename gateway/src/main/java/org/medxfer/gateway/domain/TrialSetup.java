package org.medxfer.gateway.domain;

/**
 * Everything that decides a trial's result: its cell, the exact data set version and the settings
 * its study fixes.
 *
 * @param cell the factors
 * @param datasetVersion {@code datasets/{dataset}/versions/{version}}
 * @param resize how images reach the cell's resolution
 * @param training optimiser, epochs and batch size
 * @param customCnn the network when the cell's architecture is one the study describes; else null
 */
public record TrialSetup(
    TrialCell cell,
    String datasetVersion,
    ResizeMode resize,
    TrainingSettings training,
    CustomCnn customCnn) {

  /** The setup of a zoo architecture. */
  public TrialSetup(
      TrialCell cell, String datasetVersion, ResizeMode resize, TrainingSettings training) {
    this(cell, datasetVersion, resize, training, null);
  }
}
