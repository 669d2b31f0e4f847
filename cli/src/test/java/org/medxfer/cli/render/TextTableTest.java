package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsTextLeftAndNumbersRight() {
    String table =
        new TextTable(List.of("name", "auc"))
            .add(List.of("a", "0.5"))
            .add(List.of("longer", "0.75"))
            .render();

    assertThat(table).isEqualTo("name     auc\n------  ----\na        0.5\nlonger  0.75\n");
  }

  @Test
  void refusesARowWithTheWrongNumberOfCells() {
    assertThatThrownBy(() -> new TextTable(List.of("a", "b")).add(List.of("x")))
        .hasMessageContaining("1 cells");
  }
}
