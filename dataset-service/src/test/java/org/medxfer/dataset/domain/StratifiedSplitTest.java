package org.medxfer.dataset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

  @Test
  void eachClassIsSplitInTheSameSharesAndTheSplitIsFixedBySeed() {
    int[] labels = new int[300];
    Arrays.fill(labels, 200, 300, 1);
    SplitPlan plan = new SplitPlan(5, 0.1, 0.2);

    Split[] splits = StratifiedSplit.assign(labels, plan);

    assertThat(count(splits, labels, 0, Split.VAL)).isEqualTo(20);
    assertThat(count(splits, labels, 0, Split.TEST)).isEqualTo(40);
    assertThat(count(splits, labels, 1, Split.VAL)).isEqualTo(10);
    assertThat(count(splits, labels, 1, Split.TEST)).isEqualTo(20);
    assertThat(StratifiedSplit.assign(labels, plan)).containsExactly(splits);
    assertThat(StratifiedSplit.assign(labels, new SplitPlan(6, 0.1, 0.2))).isNotEqualTo(splits);
  }

  @Test
  void oneClassSplitDoesNotDependOnAnotherClassSize() {
    int[] small = new int[150];
    Arrays.fill(small, 100, 150, 1);
    int[] large = new int[400];
    Arrays.fill(large, 100, 400, 1);
    SplitPlan plan = new SplitPlan(1, 0.1, 0.2);

    Split[] a = StratifiedSplit.assign(small, plan);
    Split[] b = StratifiedSplit.assign(large, plan);

    assertThat(Arrays.copyOf(a, 100)).containsExactly(Arrays.copyOf(b, 100));
  }

  private static long count(Split[] splits, int[] labels, int label, Split split) {
    long n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label && splits[i] == split) {
        n++;
      }
    }
    return n;
  }
}
