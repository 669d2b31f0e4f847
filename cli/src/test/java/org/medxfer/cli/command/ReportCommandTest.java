package org.medxfer.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.StudyReport;

class ReportCommandTest {

  @Test
  void theConsoleNamesEachCodeVersionWithItsTrials() {
    StudyReport report =
        StudyReport.newBuilder()
            .addCodeVersions(
                CodeVersionCount.newBuilder().setCodeVersion("0.1.0+gaaaaaaaaaaaa").setTrials(1))
            .addCodeVersions(CodeVersionCount.newBuilder().setTrials(23))
            .build();

    assertThat(ReportCommand.trainedBy(report))
        .isEqualTo("0.1.0+gaaaaaaaaaaaa (1 trial), not recorded (23 trials)");
    assertThat(ReportCommand.trainedBy(StudyReport.getDefaultInstance()))
        .isEqualTo("no recorded code version");
  }
}
