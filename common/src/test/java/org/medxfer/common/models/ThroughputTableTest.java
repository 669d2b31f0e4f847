package org.medxfer.common.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ThroughputTableTest {

  private static final String TABLE =
      "# comment\n"
          + "resnet18\t28\t64\t80\t267\t2 CPU cores\n"
          + "resnet18\t64\t64\t20\t70\t2 CPU cores\n";

  @Test
  void usesTheMeasuredRowAndScalesTheNearestOneByPixelCountOtherwise() throws Exception {
    ThroughputTable table = ThroughputTable.parse(new StringReader(TABLE));

    ThroughputTable.Estimate measured = table.estimate("resnet18", 28).orElseThrow();
    assertThat(measured.scaled()).isFalse();
    assertThat(measured.trainImagesPerSecond()).isEqualTo(80.0);

    // 128 px is nearest to the 64 px row and has 4 times its pixels.
    ThroughputTable.Estimate scaled = table.estimate("resnet18", 128).orElseThrow();
    assertThat(scaled.scaled()).isTrue();
    assertThat(scaled.measured().resolution()).isEqualTo(64);
    assertThat(scaled.trainImagesPerSecond()).isEqualTo(5.0);
    assertThat(scaled.inferenceImagesPerSecond()).isEqualTo(17.5);

    assertThat(table.estimate("vgg16", 28)).isEmpty();
  }

  @Test
  void theBundledTableParsesAndRefusesMalformedLines() {
    assertThat(ThroughputTable.bundledCpu().rows()).isNotEmpty();
    assertThatThrownBy(() -> ThroughputTable.parse(new StringReader("resnet18\t28\n")))
        .hasMessageContaining("throughput table line 1 has 2 columns");
  }
}
