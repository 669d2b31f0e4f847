package org.medxfer.common.objectstore;

/** An object-store call failed; {@link #isNotFound()} tells a missing key from an outage. */
public class ObjectStoreException extends RuntimeException {

  private final boolean notFound;

  public ObjectStoreException(String message, boolean notFound, Throwable cause) {
    super(message, cause);
    this.notFound = notFound;
  }

  /** True when the key (or bucket) does not exist. */
  public boolean isNotFound() {
    return notFound;
  }
}
