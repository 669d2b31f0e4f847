package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.StudyReport;

class CodeVersionsTest {

  private static StudyReport report(CodeVersionCount... counts) {
    StudyReport.Builder report = StudyReport.newBuilder();
    for (CodeVersionCount count : counts) {
      report.addCodeVersions(count);
    }
    return report.build();
  }

  private static CodeVersionCount count(String version, int trials) {
    return CodeVersionCount.newBuilder().setCodeVersion(version).setTrials(trials).build();
  }

  @Test
  void oneRecordedVersionNeedsNoCaution() {
    StudyReport report = report(count("0.1.0+gaaaaaaaaaaaa", 24));

    assertThat(CodeVersions.summary(report)).isEqualTo("0.1.0+gaaaaaaaaaaaa (24 trials)");
    assertThat(CodeVersions.caution(report)).isEmpty();
    assertThat(CodeVersions.notRecorded(report)).isZero();
  }

  @Test
  void aVersionAndTrialsWithoutOneAreMixed() {
    StudyReport report = report(count("0.1.0+gaaaaaaaaaaaa", 1), count("", 23));

    assertThat(CodeVersions.summary(report))
        .isEqualTo("0.1.0+gaaaaaaaaaaaa (1 trial), not recorded (23 trials)");
    assertThat(CodeVersions.caution(report).orElseThrow())
        .startsWith("the trials were not all trained by one code version");
    assertThat(CodeVersions.notRecorded(report)).isEqualTo(23);
  }

  @Test
  void noVersionRecordedAtAllIsCautionedToo() {
    StudyReport report = report(count("", 24));

    assertThat(CodeVersions.summary(report)).isEqualTo("not recorded (24 trials)");
    assertThat(CodeVersions.caution(report))
        .contains("the trials did not record the code version that trained them");
  }

  @Test
  void anEvaluatorThatReportsNoVersionsSaysSo() {
    assertThat(CodeVersions.summary(StudyReport.getDefaultInstance()))
        .isEqualTo("no code version reported");
    assertThat(CodeVersions.caution(StudyReport.getDefaultInstance())).isEmpty();
  }
}
