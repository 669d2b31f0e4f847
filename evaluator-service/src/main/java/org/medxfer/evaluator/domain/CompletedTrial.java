package org.medxfer.evaluator.domain;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A trainer's report that a trial attempt finished and its test predictions are stored.
 *
 * @param spec the trial's spec as sent (serialized {@code TrialSpec})
 * @param codeVersion the code version of the trainer that trained the attempt; empty when its
 *     trainer recorded none
 */
public record CompletedTrial(
    String eventId,
    TrialName trial,
    int attempt,
    TrialFactors factors,
    byte[] spec,
    String predictionsKey,
    double trainingSeconds,
    Optional<String> codeVersion) {

  public CompletedTrial {
    if (trial == null
        || factors == null
        || spec == null
        || predictionsKey == null
        || codeVersion == null) {
      throw new IllegalArgumentException(
          "a completed trial needs a trial, factors, spec, key and code version (maybe empty)");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    spec = spec.clone();
  }

  @Override
  public byte[] spec() {
    return spec.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CompletedTrial that
        && Objects.equals(eventId, that.eventId)
        && trial.equals(that.trial)
        && attempt == that.attempt
        && factors.equals(that.factors)
        && Arrays.equals(spec, that.spec)
        && predictionsKey.equals(that.predictionsKey)
        && Double.compare(trainingSeconds, that.trainingSeconds) == 0
        && codeVersion.equals(that.codeVersion);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * trial.hashCode() + attempt) + Arrays.hashCode(spec);
  }

  @Override
  public String toString() {
    return "CompletedTrial[%s attempt %d, event %s, predictions %s]"
        .formatted(trial, attempt, eventId, predictionsKey);
  }
}
