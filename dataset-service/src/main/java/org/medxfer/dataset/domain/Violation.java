package org.medxfer.dataset.domain;

/**
 * One problem with an import or a query, named by the request field it concerns (a path relative to
 * the request, such as {@code card.class_names}).
 */
public record Violation(String field, String description) {

  /**
   * Stands for the imported file's bytes. The API names it after how the request carried the file
   * ({@code source_key} for an import from the object store, {@code chunk} for an upload).
   */
  public static final String FILE = "<file>";
}
