package org.medxfer.evaluator.domain;

/** A store the evaluator needs (database, object store) did not answer; a retry may succeed. */
public class DependencyUnavailableException extends RuntimeException {

  public DependencyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
