package org.medxfer.evaluator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Groups a study's trial results into arms and summarises each arm. */
public final class ArmComparison {

  private ArmComparison() {}

  /**
   * The arms of {@code trials} under {@code groupBy}, sorted by the grouping factors.
   *
   * @param trials one result per trial: the latest attempt of each
   * @param groupBy the factors that define an arm, without repeats; empty means {@link Factor#ALL}
   * @throws IllegalArgumentException when a trial appears twice, since then one trial would count
   *     as two seeds
   */
  public static List<ArmSummary> summarise(List<TrialResult> trials, List<Factor> groupBy) {
    List<Factor> factors = groupBy.isEmpty() ? Factor.ALL : groupBy;
    Set<TrialName> seen = new HashSet<>();
    Map<ArmKey, List<TrialResult>> arms = new LinkedHashMap<>();
    for (TrialResult trial : trials) {
      if (!seen.add(trial.trial())) {
        throw new IllegalArgumentException(trial.trial() + " appears more than once");
      }
      arms.computeIfAbsent(ArmKey.of(trial.factors(), factors), key -> new ArrayList<>())
          .add(trial);
    }
    List<ArmSummary> rows = new ArrayList<>(arms.size());
    arms.forEach((arm, members) -> rows.add(summarise(arm, members)));
    rows.sort(Comparator.comparing(ArmSummary::arm, ArmKey.order(factors)));
    return rows;
  }

  private static ArmSummary summarise(ArmKey arm, List<TrialResult> members) {
    double[] aucs = members.stream().mapToDouble(TrialResult::auc).toArray();
    double[] accs = members.stream().mapToDouble(TrialResult::acc).toArray();
    double[] seconds = members.stream().mapToDouble(TrialResult::trainingSeconds).toArray();
    return new ArmSummary(
        arm,
        members.size(),
        SampleStatistics.mean(aucs),
        SampleStatistics.sampleStandardDeviation(aucs),
        SampleStatistics.mean(accs),
        SampleStatistics.sampleStandardDeviation(accs),
        SampleStatistics.mean(seconds));
  }
}
