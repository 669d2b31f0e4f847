package org.medxfer.gateway.domain;

/** Port: turns study-file text into a definition, reporting syntax errors with line and column. */
public interface StudyFileParser {

  /** The definition and every syntax, key and type problem found in {@code text}. */
  StudyFileReader.Reading parse(String text);
}
