package org.medxfer.trainer.infra.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.fixtures.KerasH5Fixture;
import org.medxfer.trainer.fixtures.Paths;
import org.tensorflow.Session;

/** The real ImageNet files load into the graphs, and broken files fail naming file and layer. */
class KerasWeightsFileTest {

  private static final Path MOBILENET =
      Paths.weightsDir().resolve("mobilenet_2_5_224_tf_no_top.h5");
  private static final Path SQUEEZENET =
      Paths.weightsDir().resolve("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");

  @Test
  void mobileNetWeightsLoadAndFirstConvKernelEqualsTheFile() {
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      network.buildInferencePass(32);
      try (Session session = new Session(network.graph())) {
        session.initialize();
        float[] random = network.variables().read(session, "conv1/kernel");
        network.loadImageNetWeights(session, MOBILENET);

        float[] expected = datasetFromFile(MOBILENET, "conv1/conv1/kernel:0");
        assertThat(expected).hasSize(3 * 3 * 3 * 8);
        assertThat(network.variables().read(session, "conv1/kernel"))
            .containsExactly(expected)
            .isNotEqualTo(random);
        // The last batch norm too: statistics, not only kernels, come from the file.
        assertThat(network.variables().read(session, "conv_pw_13_bn/moving_variance"))
            .containsExactly(
                datasetFromFile(MOBILENET, "conv_pw_13_bn/conv_pw_13_bn/moving_variance:0"));
      }
    }
    // Every tensor in the file has a home: 27 convs and 27 batch norms (4 tensors each).
    assertThat(MobileNetV1Network.imageNetBindings())
        .hasSize(27 + 27 * 4)
        .hasSize(KerasWeightsFile.read(MOBILENET).weightCount());
  }

  @Test
  void squeezeNetWeightsLoadAndFirstConvKernelEqualsTheFile() {
    try (TfNetwork network = new SqueezeNet11Network(2, 7)) {
      network.buildInferencePass(64);
      try (Session session = new Session(network.graph())) {
        session.initialize();
        network.loadImageNetWeights(session, SQUEEZENET);

        float[] expected = datasetFromFile(SQUEEZENET, "conv1/uniform1");
        assertThat(expected).hasSize(3 * 3 * 3 * 64);
        assertThat(network.variables().read(session, "conv1/kernel")).containsExactly(expected);
        assertThat(network.variables().read(session, "fire9/expand3x3/bias"))
            .containsExactly(datasetFromFile(SQUEEZENET, "fire9/expand3x3/fire9/expand3x3_b"));
      }
    }
    // conv1 and 3 convs in each of 8 fires, kernel and bias each: the whole file.
    assertThat(SqueezeNet11Network.imageNetBindings())
        .hasSize(25 * 2)
        .hasSize(KerasWeightsFile.read(SQUEEZENET).weightCount());
  }

  @Test
  void wrongShapeNamesFileLayerAndBothShapes(@TempDir Path dir) {
    Path file =
        new KerasH5Fixture()
            .layer("input_1")
            .layer("conv1", new KerasH5Fixture.Weight("kernel:0", new float[3][3][3][16]))
            .write(dir.resolve("wrong_width.h5"));
    assertThatThrownBy(() -> loadMobileNet(file))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_MISMATCH))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("layer 'conv1'")
        .hasMessageContaining("[3, 3, 3, 16]")
        .hasMessageContaining("[3, 3, 3, 8]");
  }

  @Test
  void missingLayerNamesFileAndLayer(@TempDir Path dir) {
    Path file =
        new KerasH5Fixture()
            .layer("conv1", new KerasH5Fixture.Weight("kernel:0", new float[3][3][3][8]))
            .write(dir.resolve("truncated.h5"));
    assertThatThrownBy(() -> loadMobileNet(file))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_MISMATCH))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("layer 'conv1_bn' is missing");
  }

  @Test
  void notAnHdf5FileIsCorruptNamingTheFile(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("garbage.h5"), new byte[4096]);
    assertThatThrownBy(() -> KerasWeightsFile.read(file))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_CORRUPT))
        .hasMessageContaining(file.toString());
  }

  @Test
  void absentFileIsMissingNamingTheFile(@TempDir Path dir) {
    Path file = dir.resolve("nowhere.h5");
    assertThatThrownBy(() -> KerasWeightsFile.read(file))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_MISSING))
        .hasMessageContaining(file.toString());
  }

  private static void loadMobileNet(Path file) {
    try (TfNetwork network = new MobileNetV1Network(2, 7)) {
      network.buildInferencePass(32);
      try (Session session = new Session(network.graph())) {
        session.initialize();
        network.loadImageNetWeights(session, file);
      }
    }
  }

  /** Reads a dataset straight from the file with jhdf, bypassing the code under test. */
  private static float[] datasetFromFile(Path file, String path) {
    try (HdfFile hdf = new HdfFile(file)) {
      return (float[]) hdf.getDatasetByPath(path).getDataFlat();
    }
  }
}
