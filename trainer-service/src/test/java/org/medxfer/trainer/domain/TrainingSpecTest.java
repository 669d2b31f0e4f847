package org.medxfer.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingSpecTest {

  private static TrainingSpec spec(int epochs, int numClasses, TaskType task, double lr) {
    return TrainingSpec.of(
        Architecture.CNN_SMALL, Initialization.RANDOM, epochs, 32, lr, 1, 28, numClasses, task);
  }

  @Test
  void acceptsAConsistentSpec() {
    assertThat(spec(3, 5, TaskType.MULTI_CLASS, 1e-3).numClasses()).isEqualTo(5);
  }

  @Test
  void rejectsInconsistentSpecsAsInvalidSpec() {
    assertThatThrownBy(() -> spec(0, 2, TaskType.BINARY, 1e-3))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_SPEC))
        .hasMessageContaining("epochs");
    assertThatThrownBy(() -> spec(1, 3, TaskType.BINARY, 1e-3))
        .hasMessageContaining("binary task has exactly 2 classes");
    assertThatThrownBy(() -> spec(1, 2, TaskType.BINARY, Double.NaN))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> spec(1, 32, TaskType.MULTI_LABEL, 1e-3))
        .hasMessageContaining("a multi-label task has at most 31 labels")
        .hasMessageContaining("got 32");
    assertThat(spec(1, 31, TaskType.MULTI_LABEL, 1e-3).numClasses()).isEqualTo(31);
  }

  @Test
  void unknownArchitectureIdNamesTheSupportedOnes() {
    assertThatThrownBy(() -> Architecture.fromId("resnet_999"))
        .isInstanceOfSatisfying(
            TrialFailedException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.UNSUPPORTED_ARCHITECTURE))
        .hasMessageContaining("resnet_999")
        .hasMessageContaining("mobilenet_v1_025");
  }
}
