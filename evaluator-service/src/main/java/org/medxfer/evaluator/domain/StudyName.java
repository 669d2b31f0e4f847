package org.medxfer.evaluator.domain;

/** The name of a study, {@code studies/{study}}. */
public record StudyName(String studyId) {

  private static final String PREFIX = "studies/";

  public StudyName {
    if (!ResourceIds.isValid(studyId)) {
      throw new IllegalArgumentException("'" + studyId + "' is not a valid study id");
    }
  }

  /**
   * Parses {@code value} sent in request field {@code field}.
   *
   * @throws InvalidRequestException naming {@code field} when it is not {@code studies/{study}}
   */
  public static StudyName parse(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidRequestException(field, "required: a study name, studies/{study}");
    }
    if (!value.startsWith(PREFIX) || !ResourceIds.isValid(value.substring(PREFIX.length()))) {
      throw new InvalidRequestException(
          field, "'" + value + "' is not a study name of the form studies/{study}");
    }
    return new StudyName(value.substring(PREFIX.length()));
  }

  @Override
  public String toString() {
    return PREFIX + studyId;
  }
}
