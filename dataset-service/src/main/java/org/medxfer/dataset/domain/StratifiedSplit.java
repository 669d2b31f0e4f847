package org.medxfer.dataset.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Splits labelled items that come without a split, per {@link SplitPlan}: each stratum (one label
 * value; for multi-label one label combination) is shuffled with a generator seeded by the plan's
 * seed and the stratum, so the same items and plan always give the same split, and one class's
 * split does not depend on how many images another class has.
 */
public final class StratifiedSplit {

  private StratifiedSplit() {}

  /**
   * The split of each item.
   *
   * @param labels the items' labels (class index or bit mask), in canonical item order
   */
  public static Split[] assign(int[] labels, SplitPlan plan) {
    Map<Integer, List<Integer>> strata = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      strata.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
    }
    Split[] splits = new Split[labels.length];
    for (Map.Entry<Integer, List<Integer>> stratum : strata.entrySet()) {
      List<Integer> members = stratum.getValue();
      SplittableRandom random =
          new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + stratum.getKey());
      for (int i = members.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer swap = members.get(i);
        members.set(i, members.get(j));
        members.set(j, swap);
      }
      int n = members.size();
      int val = (int) Math.round(plan.valFraction() * n);
      int test = Math.min(n - val, (int) Math.round(plan.testFraction() * n));
      for (int k = 0; k < n; k++) {
        splits[members.get(k)] = k < val ? Split.VAL : k < val + test ? Split.TEST : Split.TRAIN;
      }
    }
    return splits;
  }
}
