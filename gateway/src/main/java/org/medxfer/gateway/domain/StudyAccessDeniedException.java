package org.medxfer.gateway.domain;

/** The caller's project does not own the study it names. */
public class StudyAccessDeniedException extends RuntimeException {

  private final String studyName;

  public StudyAccessDeniedException(String studyName) {
    super("the caller's project may not access " + studyName);
    this.studyName = studyName;
  }

  public String studyName() {
    return studyName;
  }
}
