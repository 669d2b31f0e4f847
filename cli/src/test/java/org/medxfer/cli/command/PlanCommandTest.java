package org.medxfer.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medxfer.common.models.ThroughputTable;
import org.medxfer.proto.study.v1.SkippedTrial;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudySpec;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.TrainingSettings;

class PlanCommandTest {

  @Test
  void predictsHoursPerTrialAndForTheStudyLeavingOutSkippedCellsAndSayingWhatWasScaled()
      throws Exception {
    ThroughputTable table =
        ThroughputTable.parse(new StringReader("resnet18\t28\t64\t100\t1000\tbench\n"));
    Study study =
        Study.newBuilder()
            .setDisplayName("plan")
            .setSpec(
                StudySpec.newBuilder()
                    .addDatasets("breastmnist@v1")
                    .addArchitectures("resnet18")
                    .addArchitectures("vgg16")
                    .addInits(Initialization.getDefaultInstance())
                    .addInits(Initialization.getDefaultInstance())
                    .addLabelFractions(1.0)
                    .addResolutions(28)
                    .addResolutions(56)
                    .addSeeds(0)
                    .setTraining(TrainingSettings.newBuilder().setEpochs(10)))
            .addSkipped(
                SkippedTrial.newBuilder()
                    .setDisplayName("breastmnist/resnet18/imagenet/full/f1.0/r56/s0")
                    .setReason("no weights"))
            .build();

    List<PlanCommand.Row> rows =
        PlanCommand.rows(
            study, Map.of("breastmnist", new PlanCommand.SplitSizes(3600, 360, 720)), table);

    // 28 px: 3600 x 10 / 100 = 360 s training, (360 x 10 + 720) / 1000 = 4.32 s evaluation.
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).trials()).isEqualTo(2);
    assertThat(rows.get(0).hoursPerTrial()).isCloseTo(364.32 / 3600, within());
    assertThat(rows.get(0).note()).isEmpty();
    // 56 px: 4 times the pixels, a quarter of the speed; one of its two cells is skipped.
    assertThat(rows.get(1).trials()).isEqualTo(1);
    assertThat(rows.get(1).hoursPerTrial()).isCloseTo(4 * 364.32 / 3600, within());
    assertThat(rows.get(1).note()).contains("scaled by pixel count from the measured 28 px row");
    assertThat(rows.get(2).hoursPerTrial()).isNaN();
    String text = PlanCommand.render(study, rows);
    assertThat(text)
        .contains("study 'plan': 0.6 CPU hours for 3 trials at most (10 epochs each")
        .contains("1 cells skipped as unrunnable")
        .contains("note: vgg16 at 28 px: vgg16 was never measured; left out of the total");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
