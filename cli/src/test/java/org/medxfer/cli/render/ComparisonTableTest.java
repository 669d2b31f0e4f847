package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.StudyComparison;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.proto.trial.v1.Adaptation;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.Initialization;

class ComparisonTableTest {

  @Test
  void printsOneRowPerArmWithItsFactorsAndMetrics() {
    StudyComparison comparison =
        StudyComparison.newBuilder()
            .addRows(row(InitKind.INIT_KIND_RANDOM, 1, 0.7512, 0, 0.8012, 12.34))
            .addRows(row(InitKind.INIT_KIND_IMAGENET, 3, 0.8512, 0.0123, 0.8212, 10.0))
            .build();

    String[] lines = ComparisonTable.render(comparison).split("\n");

    assertThat(lines).hasSize(4);
    assertThat(lines[0])
        .contains("dataset", "architecture", "init", "test AUC", "test ACC", "train s");
    assertThat(lines[2])
        .contains("breastmnist", "mobilenet_v1_025", "random", "full", "0.7512", "0.8012", "12.3");
    assertThat(lines[3]).contains("imagenet", "0.8512 ± 0.0123");
  }

  @Test
  void enumLabelsDropTheTypePrefix() {
    assertThat(EnumLabels.of(InitKind.INIT_KIND_IMAGENET)).isEqualTo("imagenet");
    assertThat(EnumLabels.of(TrialState.TRIAL_STATE_RUNNING)).isEqualTo("running");
    assertThat(EnumLabels.of(AdaptationKind.ADAPTATION_KIND_LINEAR_PROBE))
        .isEqualTo("linear_probe");
    assertThat(EnumLabels.of(InitKind.INIT_KIND_UNSPECIFIED)).isEmpty();
  }

  private static ComparisonRow row(
      InitKind init, int n, double auc, double sdAuc, double acc, double seconds) {
    return ComparisonRow.newBuilder()
        .setDataset("breastmnist")
        .setArchitecture("mobilenet_v1_025")
        .setInit(Initialization.newBuilder().setKind(init))
        .setAdaptation(Adaptation.newBuilder().setKind(AdaptationKind.ADAPTATION_KIND_FULL))
        .setLabelFraction(1.0)
        .setResolution(64)
        .setN(n)
        .setMeanAuc(auc)
        .setSdAuc(sdAuc)
        .setMeanAcc(acc)
        .setMeanTrainingSeconds(seconds)
        .build();
  }
}
