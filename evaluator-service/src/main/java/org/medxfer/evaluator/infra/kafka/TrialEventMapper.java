package org.medxfer.evaluator.infra.kafka;

import java.util.Optional;
import org.medxfer.evaluator.api.TrialSpecMapper;
import org.medxfer.evaluator.domain.CompletedTrial;
import org.medxfer.evaluator.domain.LearningCurvePoint;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.proto.trial.v1.EpochCompleted;
import org.medxfer.proto.trial.v1.TrialCompleted;
import org.medxfer.proto.trial.v1.TrialEvent;

/**
 * Reads the domain's view of a {@code TrialEvent} whose payload is {@code completed} or {@code
 * epoch}.
 */
public final class TrialEventMapper {

  private TrialEventMapper() {}

  /**
   * @throws IllegalArgumentException when the event is not a well-formed completion: another
   *     payload, a malformed trial name, a study that is not the trial's, or no predictions key
   */
  public static CompletedTrial toCompletedTrial(TrialEvent event) {
    if (event.getPayloadCase() != TrialEvent.PayloadCase.COMPLETED) {
      throw new IllegalArgumentException("not a completion: " + event.getPayloadCase());
    }
    TrialName trial = trialOf(event);
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
        completed.getTrainingSeconds(),
        // Trainers older than the field send none.
        event.getCodeVersion().isEmpty() ? Optional.empty() : Optional.of(event.getCodeVersion()));
  }

  /** One epoch of a trial attempt's learning curve. */
  public record EpochPoint(
      TrialName trial, int attempt, int totalEpochs, LearningCurvePoint point) {}

  /**
   * @throws IllegalArgumentException when the event is not a well-formed epoch: another payload, a
   *     malformed trial name, a study that is not the trial's, an attempt or epoch below 1, or a
   *     validation AUC outside [0, 1]
   */
  public static EpochPoint toEpochPoint(TrialEvent event) {
    if (event.getPayloadCase() != TrialEvent.PayloadCase.EPOCH) {
      throw new IllegalArgumentException("not an epoch: " + event.getPayloadCase());
    }
    TrialName trial = trialOf(event);
    if (event.getAttempt() < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + event.getAttempt());
    }
    EpochCompleted epoch = event.getEpoch();
    return new EpochPoint(
        trial,
        event.getAttempt(),
        epoch.getTotalEpochs(),
        new LearningCurvePoint(
            epoch.getEpoch(),
            epoch.getSteps(),
            epoch.getElapsedSeconds(),
            epoch.getTrainLoss(),
            epoch.getValLoss(),
            epoch.getValAuc()));
  }

  private static TrialName trialOf(TrialEvent event) {
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
    return trial;
  }
}
