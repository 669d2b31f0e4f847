package org.medxfer.trainer.domain;

/** A trial cannot finish; {@link #reason()} says why in a form clients can branch on. */
public class TrialFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  public TrialFailedException(FailureReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TrialFailedException(FailureReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
