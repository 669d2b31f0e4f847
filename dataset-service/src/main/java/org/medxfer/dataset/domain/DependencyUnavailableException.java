package org.medxfer.dataset.domain;

/** The database or the object store could not be reached; retrying later may succeed. */
public class DependencyUnavailableException extends RuntimeException {

  public DependencyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
