package org.medxfer.trainer.infra.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medxfer.common.models.ArchitectureInfo;
import org.medxfer.common.models.ModelCatalog;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.CustomCnnDesign;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.ImageSet;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.fixtures.MedMnist;

/**
 * The model zoo: published parameter counts, minimum resolutions, counted FLOPs, and every
 * architecture learning a few steps of real BreastMNIST at a small resolution it accepts.
 */
class ModelZooTest {

  private static ImageSet train;

  @BeforeAll
  static void readData() {
    train = MedMnist.breast().split(DataSplit.TRAIN);
  }

  /**
   * Published counts for the ImageNet configuration (224 px, 1,000 classes): torchvision's
   * trainable parameters for ResNet-18/50, DenseNet-121 and VGG-16-BN, Keras' for MobileNet v1 1.0;
   * Inception v3 against Keras' total, which includes the batch-norm statistics (its BN has no
   * scale).
   */
  @ParameterizedTest
  @CsvSource({
    "resnet18, true, 11689512",
    "resnet50, true, 25557032",
    "densenet121, true, 7978856",
    "vgg16_bn, true, 138365992",
    "mobilenet_v1_100, true, 4231976",
    "inception_v3, false, 23851784",
    "densenet121, false, 8062504",
  })
  void parameterCountsEqualThePublishedOnes(String id, boolean trainableOnly, long expected) {
    try (TfNetwork network = Networks.create(Architecture.fromId(id), 1000, 3, 0)) {
      network.buildInferencePass(224);
      assertThat(network.variables().parameterCount(trainableOnly)).isEqualTo(expected);
    }
  }

  /** The catalog's listed counts are the networks' (every zoo architecture at 224 px). */
  @Test
  void theCatalogListsEachNetworksParameterCount() {
    for (ArchitectureInfo info : ModelCatalog.bundled().architectures()) {
      try (TfNetwork network = Networks.create(Architecture.fromId(info.id()), 1000, 3, 0)) {
        network.buildInferencePass(224);
        assertThat(network.variables().parameterCount(true))
            .as(info.id())
            .isEqualTo(info.imageNetParameters());
      }
    }
  }

  @Test
  void inceptionNeedsSeventyFivePixels() {
    assertThat(InceptionV3Network.lastGridSize(75)).isEqualTo(1);
    assertThat(InceptionV3Network.lastGridSize(74)).isZero();
    assertThat(InceptionV3Network.lastGridSize(299)).isEqualTo(8);
    try (TfNetwork network = Networks.create(Architecture.INCEPTION_V3, 2, 3, 0)) {
      assertThat(network.minimumResolution()).isEqualTo(75);
      assertThatThrownBy(() -> network.checkResolution(74))
          .isInstanceOfSatisfying(
              TrialFailedException.class,
              e -> assertThat(e.reason()).isEqualTo(FailureReason.UNSUPPORTED_RESOLUTION))
          .hasMessageContaining("75x75");
    }
  }

  /** The head is as wide as the class count, whatever the architecture. */
  @Test
  void everyArchitectureBuildsAt28PixelsWithAnyClassCount() {
    for (Architecture architecture : Architecture.values()) {
      if (architecture == Architecture.CUSTOM_CNN) {
        continue;
      }
      try (TfNetwork network = Networks.create(architecture, 7, 3, 0)) {
        int resolution = Math.max(28, network.minimumResolution());
        assertThat(network.buildInferencePass(resolution).shape().get(1))
            .as(architecture.id())
            .isEqualTo(7);
      }
    }
  }

  /**
   * Forward FLOPs counted from the graph, against He et al. 2016, table 1: 3.8 and 1.8 billion
   * multiply-adds for ResNet-50 and ResNet-18 at 224 px. (torchvision's 4.1 for ResNet-50 is v1.5,
   * stride on the 3x3; Keras and the paper put it on the first 1x1.)
   */
  @Test
  void countsForwardFlopsLayerByLayer() {
    assertThat(forwardFlops(Architecture.RESNET50, 224) / 2e9).isBetween(3.8, 3.9);
    assertThat(forwardFlops(Architecture.RESNET18, 224) / 2e9).isBetween(1.78, 1.84);
    // cbr_tiny at 28 px: four 5x5 convs at 28, 14, 7, 4 px plus the head, by hand.
    long byHand =
        2L
            * (28 * 28 * 64 * 25 * 3
                + 14 * 14 * 128 * 25 * 64
                + 7 * 7 * 256 * 25 * 128
                + 4 * 4 * 512 * 25 * 256
                + 512 * 2);
    assertThat(forwardFlops(Architecture.CBR_TINY, 28)).isEqualTo(byHand);
  }

  /** The small-input stem keeps a 28 px image alive to the last stage; 112 px gets ImageNet's. */
  @Test
  void resNetStemAdaptsToSmallInputs() {
    // Stride-1 stem: from the first stage on, 28 px costs exactly what 112 px costs with the
    // ImageNet stem; only the 7x7 stem conv differs (28x28 outputs against 56x56).
    long stemDifference = 2L * (56 * 56 - 28 * 28) * 64 * 7 * 7 * 3;
    assertThat(forwardFlops(Architecture.RESNET18, 112) - forwardFlops(Architecture.RESNET18, 28))
        .isEqualTo(stemDifference);
  }

  @ParameterizedTest
  @CsvSource({
    "cnn_small, 28, 32",
    "mobilenet_v1_050, 28, 32",
    "squeezenet1_1, 32, 32",
    "resnet18, 28, 16",
    "resnet50, 28, 4",
    "densenet121, 28, 4",
    "vgg16_bn, 28, 16",
    "inception_v3, 75, 8",
    "cbr_tiny, 28, 32",
    "cbr_small, 28, 32",
    "cbr_large_t, 28, 16",
    "cbr_large_w, 28, 16",
  })
  void lossFallsOnRealImages(String id, int resolution, int batch) {
    try (TfNetwork network = Networks.create(Architecture.fromId(id), 2, train.channels(), 7)) {
      falls(lossesOverFewSteps(network, resolution, batch));
    }
  }

  @Test
  void customCnnFromTheStudyLearnsAndNamesItsBlocks() {
    CustomCnnDesign design =
        new CustomCnnDesign(
            List.of(
                new CustomCnnDesign.Block(16, 3, 2, true, CustomCnnDesign.Pool.MAX),
                new CustomCnnDesign.Block(32, 5, 1, false, CustomCnnDesign.Pool.AVERAGE),
                new CustomCnnDesign.Block(32, 3, 1, true, CustomCnnDesign.Pool.NONE)),
            0.2);
    try (TfNetwork network = Networks.custom(design, 3, train.channels(), 7)) {
      assertThat(network.inputChannels()).isEqualTo(1);
      float[] losses = lossesOverFewSteps(network, 28, 32);
      assertThat(network.blockNames()).containsExactly("block1", "block2", "block3");
      assertThat(network.variables().entries())
          .extracting(ModelVariables.Entry::name)
          .contains("block1_conv2/kernel", "block1_bn2/gamma", "block2_conv1/bias")
          .doesNotContain("block1_conv1/bias", "block2_bn1/gamma");
      falls(losses);
    }
  }

  @Test
  void customCnnDesignNamesEveryBadField() {
    assertThatThrownBy(
            () ->
                new CustomCnnDesign(
                    List.of(
                        new CustomCnnDesign.Block(0, 3, 1, true, CustomCnnDesign.Pool.MAX),
                        new CustomCnnDesign.Block(8, 99, 0, true, CustomCnnDesign.Pool.MAX)),
                    1.0))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_SPEC))
        .hasMessageContaining("custom_cnn.blocks[0].filters")
        .hasMessageContaining("custom_cnn.blocks[1].kernel_size")
        .hasMessageContaining("custom_cnn.blocks[1].convs")
        .hasMessageContaining("custom_cnn.dropout");
  }

  /** Training loss of each of a few Adam steps on one batch of real images (it must fall). */
  private static float[] lossesOverFewSteps(TfNetwork network, int resolution, int batch) {
    int steps = 6;
    float[] losses = new float[steps];
    try (BareTrainingSteps training =
        new BareTrainingSteps(
            network,
            Arrays.copyOf(train.pixels(), batch * train.imageBytes()),
            Arrays.copyOf(train.labels(), batch),
            train.height(),
            train.width(),
            train.channels(),
            resolution,
            1e-3f,
            TfModelTrainer.sessionConfig(2))) {
      for (int step = 0; step < steps; step++) {
        losses[step] = training.trainStep();
      }
    }
    return losses;
  }

  private static void falls(float[] losses) {
    for (float loss : losses) {
      assertThat(loss).as(Arrays.toString(losses)).isFinite();
    }
    assertThat(losses[losses.length - 1]).as(Arrays.toString(losses)).isLessThan(losses[0]);
  }

  private static long forwardFlops(Architecture architecture, int resolution) {
    try (TfNetwork network = Networks.create(architecture, 2, 3, 0)) {
      network.buildInferencePass(resolution);
      return FlopCount.forwardPerImage(network.graph(), "inference/");
    }
  }
}
