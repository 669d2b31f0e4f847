package org.medxfer.evaluator.domain;

/** No attempt of the trial has metrics (it has not finished, failed, or does not exist). */
public class TrialMetricsNotFoundException extends RuntimeException {

  private final String resourceName;

  public TrialMetricsNotFoundException(TrialName trial) {
    super(trial.metricsName() + " does not exist");
    this.resourceName = trial.metricsName();
  }

  /** The name of the metrics asked for. */
  public String resourceName() {
    return resourceName;
  }
}
