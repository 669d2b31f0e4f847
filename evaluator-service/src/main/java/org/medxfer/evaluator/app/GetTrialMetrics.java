package org.medxfer.evaluator.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialMetricsNotFoundException;
import org.medxfer.evaluator.domain.TrialMetricsRepository;
import org.medxfer.evaluator.domain.TrialName;

/** The metrics of a trial's latest attempt that has metrics. */
@ApplicationScoped
public class GetTrialMetrics {

  private final TrialMetricsRepository metrics;

  GetTrialMetrics(TrialMetricsRepository metrics) {
    this.metrics = metrics;
  }

  /**
   * @throws TrialMetricsNotFoundException when no attempt of the trial has metrics
   */
  public TrialMetrics get(TrialName trial) {
    return metrics.findLatest(trial).orElseThrow(() -> new TrialMetricsNotFoundException(trial));
  }
}
