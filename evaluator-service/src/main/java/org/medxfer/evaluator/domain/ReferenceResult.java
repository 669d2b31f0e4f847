package org.medxfer.evaluator.domain;

/**
 * A published result that a study can reproduce: an arm with these factors (full fine-tuning, any
 * weights of {@code initKind}) should reach {@code value} of {@code metric}, give or take {@code
 * tolerance}.
 *
 * @param protocol a name for the training protocol the value was published under
 * @param metric which mean the arm is checked on
 * @param source where the value is published, precise enough to look it up (paper, table)
 */
public record ReferenceResult(
    String dataset,
    String protocol,
    String architecture,
    int resolution,
    double labelFraction,
    InitKind initKind,
    Metric metric,
    double value,
    double tolerance,
    String source) {

  /** The metrics a reference can be registered for. */
  public enum Metric {
    /** Test AUC in MedMNIST semantics. */
    AUC,
    /** Test ACC in MedMNIST semantics. */
    ACC
  }

  /** Whether the trials of an arm with {@code factors} reproduce this reference's protocol. */
  public boolean matches(ArmKey arm) {
    return dataset.equals(arm.dataset())
        && architecture.equals(arm.architecture())
        && arm.resolution() != null
        && resolution == arm.resolution()
        && arm.labelFraction() != null
        && Double.compare(labelFraction, arm.labelFraction()) == 0
        && arm.init() != null
        && initKind == arm.init().kind()
        && arm.adaptation() != null
        && arm.adaptation().kind() == AdaptationKind.FULL;
  }

  /** The arm's value of this reference's metric. */
  public double observed(ArmSummary arm) {
    return metric == Metric.AUC ? arm.meanAuc() : arm.meanAcc();
  }

  /** Whether {@code observed} lies within the tolerance of the published value. */
  public boolean within(double observed) {
    // A small epsilon keeps a value exactly at the tolerance (in decimal) inside it.
    return Math.abs(observed - value) <= tolerance + 1e-12;
  }
}
