package org.medxfer.dataset.domain.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowTest {

  @Test
  void mapsTheWindowBoundsToZeroAnd255AndClampsOutside() {
    Window window = new Window(600, 1600);

    assertThat(window.lower()).isEqualTo(-200);
    assertThat(window.upper()).isEqualTo(1400);
    assertThat(window.toUint8(-200)).isZero();
    assertThat(window.toUint8(1400)).isEqualTo(255);
    assertThat(window.toUint8(600)).isEqualTo(128);
    assertThat(window.toUint8(-5000)).isZero();
    assertThat(window.toUint8(5000)).isEqualTo(255);
  }

  @Test
  void spanningARangeMapsItsEndsToZeroAnd255() {
    Window window = Window.spanning(-896, 1167);

    assertThat(window.toUint8(-896)).isZero();
    assertThat(window.toUint8(1167)).isEqualTo(255);
  }

  @Test
  void refusesANonPositiveWidth() {
    assertThatThrownBy(() -> new Window(40, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width must be positive");
  }
}
