package org.medxfer.cli.render;

import java.util.Optional;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.StudyReport;

/**
 * What a study report says about the code versions that trained its trials, worded once for the
 * HTML report and the console.
 */
public final class CodeVersions {

  private CodeVersions() {}

  /**
   * The versions with their trial counts: {@code 0.1.0+gabc (12 trials), not recorded (1 trial)}.
   */
  public static String summary(StudyReport report) {
    if (report.getCodeVersionsCount() == 0) {
      return "no code version reported";
    }
    StringBuilder text = new StringBuilder();
    for (CodeVersionCount count : report.getCodeVersionsList()) {
      text.append(text.isEmpty() ? "" : ", ")
          .append(label(count))
          .append(" (")
          .append(count.getTrials())
          .append(count.getTrials() == 1 ? " trial)" : " trials)");
    }
    return text.toString();
  }

  /**
   * Why a reader should be careful, when they should: the trials were not all trained by one code
   * version (the evaluator warns about this too), or none of them recorded its version.
   */
  public static Optional<String> caution(StudyReport report) {
    if (report.getCodeVersionsCount() > 1) {
      return Optional.of(
          "the trials were not all trained by one code version: a difference between arms may come"
              + " from the code rather than the factor");
    }
    if (notRecorded(report) > 0) {
      return Optional.of("the trials did not record the code version that trained them");
    }
    return Optional.empty();
  }

  /** How many of the report's trials recorded no code version. */
  public static int notRecorded(StudyReport report) {
    return report.getCodeVersionsList().stream()
        .filter(c -> c.getCodeVersion().isEmpty())
        .mapToInt(CodeVersionCount::getTrials)
        .sum();
  }

  /** The version, or "not recorded". */
  static String label(CodeVersionCount count) {
    return count.getCodeVersion().isEmpty() ? "not recorded" : count.getCodeVersion();
  }
}
