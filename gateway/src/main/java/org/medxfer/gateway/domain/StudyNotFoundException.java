package org.medxfer.gateway.domain;

/** No study has the given name. */
public class StudyNotFoundException extends RuntimeException {

  private final String studyName;

  public StudyNotFoundException(String studyName) {
    super(studyName + " does not exist");
    this.studyName = studyName;
  }

  public String studyName() {
    return studyName;
  }
}
