package org.medxfer.common.images;

/**
 * The bytes of an image file or shard are not what their format promises; the message says where.
 */
public class InvalidImageDataException extends RuntimeException {

  public InvalidImageDataException(String message) {
    super(message);
  }

  public InvalidImageDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
