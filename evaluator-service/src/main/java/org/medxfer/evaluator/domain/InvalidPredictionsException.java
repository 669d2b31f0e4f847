package org.medxfer.evaluator.domain;

/**
 * Stored predictions from which no test metric can be computed: a malformed shape, a NaN score, a
 * test set with a single class, or a task type the evaluator cannot score. Retrying cannot help, so
 * the trial's metrics are not stored.
 */
public class InvalidPredictionsException extends RuntimeException {

  public InvalidPredictionsException(String message) {
    super(message);
  }
}
