package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NemenyiCriticalDifferenceTest {
  @Test
  void nemenyiCriticalDifferenceOfDemsarsExample() {
    // Demšar (2006), §3.2.4: k = 4, N = 14, CD = 2.569 · sqrt(4·5 / (6·14)) = 1.25. The largest
    // gap, C4.5 (3.143) against C4.5+m+cf (1.964), is 1.179 < CD: as the paper concludes, at 0.05
    // the Nemenyi test detects no difference here; a gap of 1.3 would.
    assertThat(NemenyiCriticalDifference.criticalDifference(4, 14)).isCloseTo(1.25, within(0.005));
    assertThat(NemenyiCriticalDifference.differ(1.964, 3.143, 4, 14)).isFalse();
    assertThat(NemenyiCriticalDifference.differ(1.0, 2.3, 4, 14)).isTrue();
  }

  @Test
  void nemenyiIsTabulatedForTwoToTenArms() {
    assertThatThrownBy(() -> NemenyiCriticalDifference.criticalDifference(11, 14))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
