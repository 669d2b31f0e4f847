package org.medxfer.trainer.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the assignment poll thread runs; reports the trial in training. */
@Readiness
@ApplicationScoped
public class AssignmentConsumerHealthCheck implements HealthCheck {

  private final TrialAssignmentConsumer consumer;

  public AssignmentConsumerHealthCheck(TrialAssignmentConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("trial-assignment-consumer")
            .status(consumer.healthy())
            .withData("finishedTrials", consumer.finishedTrials());
    consumer.currentTrial().ifPresent(trial -> response.withData("currentTrial", trial));
    return response.build();
  }
}
