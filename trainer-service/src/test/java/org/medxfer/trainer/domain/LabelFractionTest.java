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
  void smallerFractionsAreNestedInLargerOnesForOneSeed() {
    int[] one = LabelFraction.select(LABELS, 0.05, 9);
    int[] ten = LabelFraction.select(LABELS, 0.1, 9);
    int[] quarter = LabelFraction.select(LABELS, 0.25, 9);

    assertThat(Arrays.stream(ten).boxed().toList())
        .containsAll(Arrays.stream(one).boxed().toList());
    assertThat(Arrays.stream(quarter).boxed().toList())
        .containsAll(Arrays.stream(ten).boxed().toList());
  }

  @Test
  void multiLabelMasksAreStrataWithoutAllocatingPerMaskValue() {
    int[] masks = new int[40];
    Arrays.fill(masks, 0, 20, 1 << 30);
    Arrays.fill(masks, 20, 40, 0b101);

    int[] kept = LabelFraction.select(masks, 0.5, 2);

    assertThat(Arrays.stream(kept).filter(i -> masks[i] == 1 << 30).count()).isEqualTo(10);
    assertThat(kept).hasSize(20);
  }

  @Test
  void subsetCopiesPixelsAndLabelsInOrder() {
    ImageSet images = new ImageSet(3, 1, 1, 1, new byte[] {10, 20, 30}, new int[] {0, 1, 0});
    ImageSet subset = LabelFraction.subset(images, new int[] {0, 2});
    assertThat(subset.pixels()).containsExactly(10, 30);
    assertThat(subset.labels()).containsExactly(0, 0);
  }
}
