package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmCorrectionTest {
  @Test
  void holmMultipliesTheIthSmallestByMMinusIAndKeepsThemMonotone() {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 -> raised to 0.06.
    double[] adjusted = HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005});

    assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
    assertThat(adjusted[1]).isCloseTo(0.06, within(1e-15));
    assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
    assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
  }

  @Test
  void holmCapsAtOne() {
    assertThat(HolmCorrection.adjust(new double[] {0.6, 0.5})).containsExactly(1.0, 1.0);
  }
}
