package org.medxfer.evaluator.domain;

import java.util.Comparator;
import java.util.List;

/**
 * What the trials of one arm share: the values of the grouping factors. A factor the comparison
 * does not group by is null here, so trials that differ only in it fall into the same arm.
 */
public record ArmKey(
    String dataset,
    String architecture,
    InitSpec init,
    AdaptationSpec adaptation,
    Double labelFraction,
    Integer resolution) {

  /** The arm of a trial with {@code factors} when arms are defined by {@code groupBy}. */
  public static ArmKey of(TrialFactors factors, List<Factor> groupBy) {
    return new ArmKey(
        groupBy.contains(Factor.DATASET) ? factors.dataset() : null,
        groupBy.contains(Factor.ARCHITECTURE) ? factors.architecture() : null,
        groupBy.contains(Factor.INIT) ? factors.init() : null,
        groupBy.contains(Factor.ADAPTATION) ? factors.adaptation() : null,
        groupBy.contains(Factor.LABEL_FRACTION) ? factors.labelFraction() : null,
        groupBy.contains(Factor.RESOLUTION) ? factors.resolution() : null);
  }

  /** Orders arms by the grouping factors, the first factor most significant. */
  public static Comparator<ArmKey> order(List<Factor> groupBy) {
    Comparator<ArmKey> order = (a, b) -> 0;
    for (Factor factor : groupBy) {
      order = order.thenComparing(byFactor(factor));
    }
    return order;
  }

  private static Comparator<ArmKey> byFactor(Factor factor) {
    return switch (factor) {
      case DATASET -> Comparator.comparing(ArmKey::dataset);
      case ARCHITECTURE -> Comparator.comparing(ArmKey::architecture);
      case INIT -> Comparator.comparing(ArmKey::init);
      case ADAPTATION -> Comparator.comparing(ArmKey::adaptation);
      case LABEL_FRACTION -> Comparator.comparing(ArmKey::labelFraction);
      case RESOLUTION -> Comparator.comparing(ArmKey::resolution);
    };
  }
}
