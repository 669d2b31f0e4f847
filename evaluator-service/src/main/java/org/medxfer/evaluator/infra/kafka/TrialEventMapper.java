package org.medxfer.evaluator.infra.kafka;

import org.medxfer.evaluator.api.TrialSpecMapper;
import org.medxfer.evaluator.domain.CompletedTrial;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.proto.trial.v1.TrialCompleted;
import org.medxfer.proto.trial.v1.TrialEvent;

/** Reads the domain's view of a {@code TrialEvent} whose payload is {@code completed}. */
final class TrialEventMapper {

  private TrialEventMapper() {}

  /**
   * @throws IllegalArgumentException when the event is not a well-formed completion: another
   *     payload, a malformed trial name, a study that is not the trial's, or no predictions key
   */
  static CompletedTrial toCompletedTrial(TrialEvent event) {
    if (event.getPayloadCase() != TrialEvent.PayloadCase.COMPLETED) {
      throw new IllegalArgumentException("not a completion: " + event.getPayloadCase());
    }
    TrialName trial;
    try {
      trial = TrialName.parse("trial", event.getTrial());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!event.getStudy().equals(trial.study().toString())) {
      throw new IllegalArgumentException(
          "study '%s' is not the study of %s".formatted(event.getStudy(), trial));
    }
    TrialCompleted completed = event.getCompleted();
    if (completed.getPredictionsKey().isEmpty()) {
      throw new IllegalArgumentException("completion of " + trial + " names no predictions key");
    }
    if (!event.hasSpec()) {
      throw new IllegalArgumentException("completion of " + trial + " carries no spec");
    }
    return new CompletedTrial(
        event.getEventId(),
        trial,
        event.getAttempt(),
        TrialSpecMapper.toFactors(event.getSpec()),
        event.getSpec().toByteArray(),
        completed.getPredictionsKey(),
        completed.getTrainingSeconds());
  }
}
