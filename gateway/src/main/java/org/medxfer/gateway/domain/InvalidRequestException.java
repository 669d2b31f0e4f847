package org.medxfer.gateway.domain;

import java.util.List;

/** A request field (not the study itself) is malformed: a resource name, a page token, a size. */
public class InvalidRequestException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidRequestException(Violation violation) {
    super(violation.field() + ": " + violation.description());
    this.violations = List.of(violation);
  }

  public List<Violation> violations() {
    return violations;
  }
}
