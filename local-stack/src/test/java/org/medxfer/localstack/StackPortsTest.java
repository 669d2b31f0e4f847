package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackPortsTest {
  @Test
  void aBaseGivesEightConsecutivePorts() {
    StackPorts ports = StackPorts.fromBase(30000);

    assertThat(ports.byRole().values())
        .containsExactlyInAnyOrder(30000, 30001, 30002, 30003, 30004, 30005, 30006, 30007);
    assertThat(ports.of(Component.GATEWAY)).isEqualTo(30000);
    assertThat(ports.of(Component.KAFKA)).isEqualTo(30004);
    assertThat(ports.of(Component.POSTGRES)).isEqualTo(30007);
  }

  @Test
  void onePortForTwoRolesIsRejected() {
    assertThatThrownBy(() -> new StackPorts(18080, 18081, 18082, 18083, 19092, 19092, 19000, 15432))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("19092")
        .hasMessageContaining("kafka broker")
        .hasMessageContaining("kafka controller");
  }
}
