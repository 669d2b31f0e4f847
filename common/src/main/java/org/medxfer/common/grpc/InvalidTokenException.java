package org.medxfer.common.grpc;

/** A bearer token that is malformed, wrongly signed, expired or missing a claim. */
public final class InvalidTokenException extends Exception {

  public InvalidTokenException(String message) {
    super(message);
  }
}
