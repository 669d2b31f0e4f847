package org.medxfer.gateway.domain;

/** A service or store the gateway needs did not answer; the caller may retry. */
public class DependencyUnavailableException extends RuntimeException {

  /** Reason when dataset-service does not answer. */
  public static final String DATASET_SERVICE_UNAVAILABLE = "DATASET_SERVICE_UNAVAILABLE";

  /** Reason when the database does not answer. */
  public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

  private final String reason;

  public DependencyUnavailableException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A machine-readable reason. */
  public String reason() {
    return reason;
  }
}
