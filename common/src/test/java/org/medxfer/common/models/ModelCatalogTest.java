package org.medxfer.common.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void bundledWeightsNameCatalogArchitectures() {
    ModelCatalog catalog = ModelCatalog.bundled();
    assertThat(catalog.defaultWeights("mobilenet_v1_025"))
        .map(WeightSet::file)
        .contains("mobilenet_2_5_224_tf_no_top.h5");
    assertThat(catalog.defaultWeights("squeezenet1_1")).isPresent();
    assertThat(catalog.defaultWeights("cnn_small")).isEmpty();
    assertThat(catalog.weights())
        .allSatisfy(w -> assertThat(catalog.architecture(w.architecture())).isPresent());
  }

  @Test
  void blocksCountFromTheStem() {
    ArchitectureInfo mobilenet = ModelCatalog.bundled().architecture("mobilenet_v1_025").get();
    assertThat(mobilenet.blocks()).hasSize(14).startsWith("stem", "block1").endsWith("block13");
    assertThat(mobilenet.accepts(28)).isTrue();
  }

  @Test
  void listsTheZooWithMinimumResolutionsAndParameterCounts() {
    ModelCatalog catalog = ModelCatalog.bundled();
    assertThat(catalog.architectures())
        .extracting(ArchitectureInfo::id)
        .contains(
            "resnet18",
            "resnet50",
            "densenet121",
            "vgg16_bn",
            "inception_v3",
            "mobilenet_v1_100",
            "cbr_tiny",
            "cbr_small",
            "cbr_large_t",
            "cbr_large_w")
        .doesNotHaveDuplicates();
    ArchitectureInfo inception = catalog.architecture("inception_v3").get();
    assertThat(inception.accepts(75)).isTrue();
    assertThat(inception.accepts(74)).isFalse();
    assertThat(inception.blocks()).hasSize(12).startsWith("stem", "mixed0").endsWith("mixed10");
    assertThat(catalog.architecture("resnet50").get().imageNetParameters()).isEqualTo(25_557_032);
    assertThat(catalog.architectures())
        .allSatisfy(a -> assertThat(a.imageNetParameters()).isPositive());
  }

  @Test
  void refusesAWeightSetForAnUnknownArchitecture() {
    String line = "w\tresnet999\tf.h5\tabc\tsrc\tMIT\n";
    assertThatThrownBy(() -> ModelCatalog.parseWeights(new StringReader(line)))
        .hasMessageContaining("line 1")
        .hasMessageContaining("resnet999");
  }

  @Test
  void refusesALineWithMissingColumns() {
    assertThatThrownBy(() -> ModelCatalog.parseWeights(new StringReader("w\tcnn_small\n")))
        .hasMessageContaining("2 columns, not 6");
  }
}
