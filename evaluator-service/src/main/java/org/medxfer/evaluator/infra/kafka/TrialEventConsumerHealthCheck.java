package org.medxfer.evaluator.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the trial-event consumer is stuck on an outage or has crashed. */
@Readiness
@ApplicationScoped
public class TrialEventConsumerHealthCheck implements HealthCheck {

  private final TrialEventConsumer consumer;

  TrialEventConsumerHealthCheck(TrialEventConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public HealthCheckResponse call() {
    if (!consumer.enabled()) {
      return HealthCheckResponse.named("trial-events").up().withData("enabled", false).build();
    }
    Optional<String> problem = consumer.problem();
    return problem
        .map(p -> HealthCheckResponse.named("trial-events").down().withData("problem", p).build())
        .orElseGet(() -> HealthCheckResponse.up("trial-events"));
  }
}
