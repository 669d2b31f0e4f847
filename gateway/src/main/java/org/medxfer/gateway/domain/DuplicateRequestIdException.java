package org.medxfer.gateway.domain;

/** Another create with the same request id stored its study first. */
public class DuplicateRequestIdException extends RuntimeException {

  public DuplicateRequestIdException(String requestId) {
    super("request id " + requestId + " was already used");
  }
}
