package org.medxfer.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelFractionTest {

  private static final int[] LABELS = new int[100];

  static {
    // 80 of class 0, 20 of class 1.
    Arrays.fill(LABELS, 80, 100, 1);
  }

  @Test
  void keepsTheClassBalanceAndIsFixedBySeed() {
    int[] kept = LabelFraction.select(LABELS, 0.1, 3);

    assertThat(kept).hasSize(10).isSorted();
    assertThat(Arrays.stream(kept).filter(i -> LABELS[i] == 1).count()).isEqualTo(2);
    assertThat(LabelFraction.select(LABELS, 0.1, 3)).containsExactly(kept);
    assertThat(LabelFraction.select(LABELS, 0.1, 4)).isNotEqualTo(kept);
  }

  @Test
  void everyClassKeepsAtLeastOneImage() {
    int[] kept = LabelFraction.select(LABELS, 0.01, 1);
    assertThat(Arrays.stream(kept).map(i -> LABELS[i]).distinct().count()).isEqualTo(2);
  }

  @Test
  void subsetCopiesPixelsAndLabelsInOrder() {
    ImageSet images = new ImageSet(3, 1, 1, 1, new byte[] {10, 20, 30}, new int[] {0, 1, 0});
    ImageSet subset = LabelFraction.subset(images, new int[] {0, 2});
    assertThat(subset.pixels()).containsExactly(10, 30);
    assertThat(subset.labels()).containsExactly(0, 0);
  }
}
