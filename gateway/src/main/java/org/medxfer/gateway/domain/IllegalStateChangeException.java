package org.medxfer.gateway.domain;

/** A state change the lifecycle does not allow, for example cancelling a finished study. */
public class IllegalStateChangeException extends RuntimeException {

  /** Reason of cancelling a study that has already ended. */
  public static final String STUDY_ALREADY_ENDED = "STUDY_ALREADY_ENDED";

  /** Reason of a trial transition its lifecycle forbids. */
  public static final String ILLEGAL_TRIAL_TRANSITION = "ILLEGAL_TRIAL_TRANSITION";

  private final String reason;

  public IllegalStateChangeException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A machine-readable reason. */
  public String reason() {
    return reason;
  }
}
