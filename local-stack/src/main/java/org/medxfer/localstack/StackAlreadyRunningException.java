package org.medxfer.localstack;

/** The state dir records a stack whose processes are still alive. */
public class StackAlreadyRunningException extends LocalStackException {
  private static final long serialVersionUID = 1L;

  StackAlreadyRunningException(String message) {
    super(message);
  }
}
