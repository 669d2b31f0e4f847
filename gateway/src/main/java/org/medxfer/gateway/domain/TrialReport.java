package org.medxfer.gateway.domain;

/**
 * A trainer's report about one attempt of one trial.
 *
 * @param trialName {@code studies/{study}/trials/{trial}}
 * @param attempt the attempt it is about
 * @param update what happened
 */
public record TrialReport(String trialName, int attempt, TrialUpdate update) {}
