package org.medxfer.common.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelMasksTest {

  @Test
  void decodesEachLabelOfAMask() {
    assertThat(LabelMasks.presence(new int[] {0b101, 0b010, 0b000, 0b111}, 0))
        .containsExactly(1, 0, 0, 1);
    assertThat(LabelMasks.presence(new int[] {0b101, 0b010, 0b000, 0b111}, 1))
        .containsExactly(0, 1, 0, 1);
    assertThat(LabelMasks.contains(1 << 30, 30)).isTrue();
  }

  @Test
  void aValidMaskSetsNoBitBeyondItsLabels() {
    assertThat(LabelMasks.isValid(0b111, 3)).isTrue();
    assertThat(LabelMasks.isValid(0b1000, 3)).isFalse();
    assertThat(LabelMasks.isValid(-1, LabelMasks.MAX_LABELS)).isFalse();
    assertThat(LabelMasks.isValid(Integer.MAX_VALUE, LabelMasks.MAX_LABELS)).isTrue();
  }
}
