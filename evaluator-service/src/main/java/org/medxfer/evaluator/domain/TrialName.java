package org.medxfer.evaluator.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The name of a trial, {@code studies/{study}/trials/{trial}}. */
public record TrialName(StudyName study, String trialId) {

  private static final Pattern TRIAL = Pattern.compile("studies/([^/]+)/trials/([^/]+)");
  private static final Pattern METRICS = Pattern.compile("studies/([^/]+)/trials/([^/]+)/metrics");

  public TrialName {
    if (study == null) {
      throw new IllegalArgumentException("a trial name needs a study");
    }
    if (!ResourceIds.isValid(trialId)) {
      throw new IllegalArgumentException("'" + trialId + "' is not a valid trial id");
    }
  }

  /**
   * Parses a trial name, {@code studies/{study}/trials/{trial}}, sent in {@code field}.
   *
   * @throws InvalidRequestException naming {@code field} when it is malformed
   */
  public static TrialName parse(String field, String value) {
    return parse(field, value, TRIAL, "studies/{study}/trials/{trial}");
  }

  /**
   * Parses the name of a trial's metrics, {@code studies/{study}/trials/{trial}/metrics}, sent in
   * {@code field}, into the trial's name.
   *
   * @throws InvalidRequestException naming {@code field} when it is malformed
   */
  public static TrialName parseMetricsName(String field, String value) {
    return parse(field, value, METRICS, "studies/{study}/trials/{trial}/metrics");
  }

  private static TrialName parse(String field, String value, Pattern pattern, String form) {
    if (value == null || value.isEmpty()) {
      throw new InvalidRequestException(field, "required: a name of the form " + form);
    }
    Matcher matcher = pattern.matcher(value);
    if (!matcher.matches()
        || !ResourceIds.isValid(matcher.group(1))
        || !ResourceIds.isValid(matcher.group(2))) {
      throw new InvalidRequestException(field, "'" + value + "' is not a name of the form " + form);
    }
    return new TrialName(new StudyName(matcher.group(1)), matcher.group(2));
  }

  /** The name of this trial's metrics, {@code studies/{study}/trials/{trial}/metrics}. */
  public String metricsName() {
    return this + "/metrics";
  }

  @Override
  public String toString() {
    return study + "/trials/" + trialId;
  }
}
