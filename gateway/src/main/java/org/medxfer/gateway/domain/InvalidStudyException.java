package org.medxfer.gateway.domain;

import java.util.List;

/** A study that cannot run, with every problem found in it. */
public class InvalidStudyException extends RuntimeException {

  /** What kind of problem the study has; clients branch on it. */
  public enum Problem {
    /** The study file or spec breaks a rule (syntax, type, range, unknown key or value). */
    INVALID_STUDY,
    /** A named data set does not exist. */
    UNKNOWN_DATASET
  }

  private final Problem problem;
  private final List<Violation> violations;

  public InvalidStudyException(Problem problem, List<Violation> violations) {
    super(summary(violations));
    this.problem = problem;
    this.violations = List.copyOf(violations);
  }

  public Problem problem() {
    return problem;
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    if (violations.size() == 1) {
      Violation only = violations.get(0);
      return "invalid study: " + only.field() + ": " + only.description();
    }
    return "invalid study: " + violations.size() + " problems";
  }
}
