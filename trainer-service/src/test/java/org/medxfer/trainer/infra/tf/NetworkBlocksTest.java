package org.medxfer.trainer.infra.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medxfer.common.models.ArchitectureInfo;
import org.medxfer.common.models.ModelCatalog;
import org.medxfer.trainer.domain.Architecture;

class NetworkBlocksTest {

  @Test
  void mobileNetHasAStemAndThirteenBlocks() {
    List<String> expected = new ArrayList<>(List.of("stem"));
    for (int block = 1; block <= MobileNetV1Network.BLOCKS; block++) {
      expected.add("block" + block);
    }
    assertThat(blocks(Architecture.MOBILENET_V1_025, 32)).containsExactlyElementsOf(expected);
  }

  @Test
  void squeezeNetHasConv1AndEightFires() {
    assertThat(blocks(Architecture.SQUEEZENET1_1, 64))
        .containsExactly(
            "conv1", "fire2", "fire3", "fire4", "fire5", "fire6", "fire7", "fire8", "fire9");
  }

  /** The catalog is what the gateway validates studies against: it must describe these networks. */
  @Test
  void theCatalogDescribesEveryNetwork() {
    for (ArchitectureInfo info : ModelCatalog.bundled().architectures()) {
      Architecture architecture = Architecture.fromId(info.id());
      try (TfNetwork network = Networks.create(architecture, 2, 3, 0)) {
        assertThat(network.minimumResolution()).as(info.id()).isEqualTo(info.minimumResolution());
        network.buildInferencePass(Math.max(info.minimumResolution(), 32));
        assertThat(network.blockNames()).as(info.id()).isEqualTo(info.blocks());
      }
    }
  }

  @Test
  void theHeadBelongsToNoBlock() {
    try (TfNetwork network = Networks.create(Architecture.CNN_SMALL, 3, 1, 0)) {
      network.buildInferencePass(28);
      assertThat(network.blockNames()).containsExactly("block1", "block2", "block3");
      assertThat(network.variables().entries())
          .filteredOn(entry -> entry.name().startsWith(SmallCnnNetwork.HEAD + "/"))
          .isNotEmpty()
          .allSatisfy(entry -> assertThat(entry.block()).isEqualTo(ModelVariables.HEAD_BLOCK));
    }
  }

  private static List<String> blocks(Architecture architecture, int resolution) {
    try (TfNetwork network = Networks.create(architecture, 2, 3, 0)) {
      network.buildInferencePass(resolution);
      return network.blockNames();
    }
  }
}
