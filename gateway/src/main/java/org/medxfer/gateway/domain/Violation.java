package org.medxfer.gateway.domain;

/**
 * One problem with a study, named by its field path (for example {@code training.epochs} or {@code
 * datasets[1]}).
 */
public record Violation(String field, String description) {

  /** Whether this violation is about {@code field} itself or something inside it. */
  public boolean concerns(String otherField) {
    return field.equals(otherField)
        || otherField.startsWith(field + ".")
        || otherField.startsWith(field + "[");
  }
}
