package org.medxfer.gateway.domain;

/** A create asked for a study id that another study already has. */
public class StudyAlreadyExistsException extends RuntimeException {

  private final String studyName;

  public StudyAlreadyExistsException(String studyName) {
    super(studyName + " already exists");
    this.studyName = studyName;
  }

  public String studyName() {
    return studyName;
  }
}
