package org.medxfer.evaluator.domain;

/** The factors of a trial's cell that results are compared by, taken from its spec. */
public record TrialFactors(
    String dataset,
    String datasetVersion,
    String architecture,
    InitSpec init,
    AdaptationSpec adaptation,
    double labelFraction,
    int resolution,
    long seed) {

  public TrialFactors {
    if (dataset == null || datasetVersion == null || architecture == null) {
      throw new IllegalArgumentException("trial factors need a dataset, version and architecture");
    }
    if (init == null || adaptation == null) {
      throw new IllegalArgumentException("trial factors need an initialisation and adaptation");
    }
  }
}
