package org.medxfer.gateway.domain;

/**
 * One attempt of one trial: what a trainer runs, and what a cancellation names.
 *
 * @param trial {@code studies/{study}/trials/{trial}}
 * @param study {@code studies/{study}}
 * @param attempt 1-based attempt number
 */
public record TrialAttempt(String trial, String study, int attempt) {

  /** The current attempt of {@code trial}. */
  public static TrialAttempt of(Trial trial) {
    return new TrialAttempt(trial.name(), trial.study(), trial.attempt());
  }
}
