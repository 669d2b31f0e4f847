package org.medxfer.localstack;

/** A stack could not be started, stopped or read; the message says what to do about it. */
public class LocalStackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LocalStackException(String message) {
    super(message);
  }

  public LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
