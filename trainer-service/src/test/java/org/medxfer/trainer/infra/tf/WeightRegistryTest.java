package org.medxfer.trainer.infra.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.PretrainedWeights;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.fixtures.Paths;

class WeightRegistryTest {

  private final WeightRegistry registry = WeightRegistry.bundled();

  @Test
  void registersBothImageNetFilesWithTheirProvenanceDigests() {
    assertThat(registry.forArchitecture(Architecture.MOBILENET_V1_025))
        .get()
        .extracting(PretrainedWeights::file, PretrainedWeights::sha256)
        .containsExactly(
            "mobilenet_2_5_224_tf_no_top.h5",
            "dbdb03ee2a22fd895301636cd328b234bb3a9952358f436d82f46b81e0d5b0bf");
    assertThat(registry.forArchitecture(Architecture.SQUEEZENET1_1))
        .get()
        .extracting(PretrainedWeights::file, PretrainedWeights::sha256)
        .containsExactly(
            "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "17154246284f555591549ac2c83e127abfbf4307dc4b0060fdaa2931d0fa38da");
    assertThat(registry.forArchitecture(Architecture.CNN_SMALL)).isEmpty();
    assertThat(registry.entries()).allSatisfy(e -> assertThat(e.licence()).isNotBlank());
  }

  @Test
  void acceptsTheRealFiles() {
    for (PretrainedWeights weights : registry.entries()) {
      assertThat(registry.verifiedFile(weights, Paths.weightsDir()))
          .isEqualTo(Paths.weightsDir().resolve(weights.file()));
    }
  }

  @Test
  void missingFileIsWeightsMissingNamingTheFile(@TempDir Path emptyDir) {
    PretrainedWeights weights = registry.forArchitecture(Architecture.MOBILENET_V1_025).get();
    assertThatThrownBy(() -> registry.verifiedFile(weights, emptyDir))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_MISSING))
        .hasMessageContaining(emptyDir.resolve("mobilenet_2_5_224_tf_no_top.h5").toString());
  }

  @Test
  void alteredFileIsWeightsCorruptNamingTheFileAndDigests(@TempDir Path dir) throws IOException {
    PretrainedWeights weights = registry.forArchitecture(Architecture.SQUEEZENET1_1).get();
    byte[] bytes = Files.readAllBytes(Paths.weightsDir().resolve(weights.file()));
    bytes[bytes.length / 2] ^= 0x01;
    Path corrupt = Files.write(dir.resolve(weights.file()), bytes);
    assertThatThrownBy(() -> registry.verifiedFile(weights, dir))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WEIGHTS_CORRUPT))
        .hasMessageContaining(corrupt.toString())
        .hasMessageContaining(weights.sha256());
  }
}
