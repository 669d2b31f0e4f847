package org.medxfer.evaluator.domain;

/**
 * Predictions as the trainer stored them, with the trial and attempt it says they belong to.
 *
 * @param trial the trial name written in the object, unparsed, so that a mismatch can be reported
 */
public record StoredPredictions(String trial, int attempt, Predictions predictions) {}
