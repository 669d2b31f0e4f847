package org.medxfer.dataset.domain;

import java.util.List;

/** A request the service refuses because of what it asks for or what its file contains. */
public class InvalidRequestException extends RuntimeException {

  /** Why, in a form clients branch on. */
  public enum Reason {
    /** A header field is missing or malformed. */
    INVALID_IMPORT_REQUEST,
    /** The file is readable but its content contradicts the card or itself. */
    INVALID_DATASET_CONTENT,
    /** The file cannot be read as the declared format. */
    CORRUPT_FILE,
    /** The file is larger than the service accepts. */
    FILE_TOO_LARGE,
    /** The object named by {@code source_key} does not exist. */
    SOURCE_NOT_FOUND,
    /** The upload stream does not start with exactly one header, or a chunk is too large. */
    INVALID_UPLOAD_STREAM,
    /** The {@code request_id} was already used for another data set. */
    REQUEST_ID_REUSED,
    /** A resource name or page token is malformed. */
    INVALID_QUERY
  }

  private final Reason reason;
  private final List<Violation> violations;

  public InvalidRequestException(Reason reason, String message, List<Violation> violations) {
    super(message);
    this.reason = reason;
    this.violations = List.copyOf(violations);
  }

  /** One violation, also used as the message. */
  public static InvalidRequestException of(Reason reason, String field, String description) {
    return new InvalidRequestException(
        reason, description, List.of(new Violation(field, description)));
  }

  public Reason reason() {
    return reason;
  }

  public List<Violation> violations() {
    return violations;
  }
}
