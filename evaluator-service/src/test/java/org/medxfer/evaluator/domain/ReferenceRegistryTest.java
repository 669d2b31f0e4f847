package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.infra.stats.StudyAnalysisProducer;

class ReferenceRegistryTest {

  private static final AdaptationSpec FULL = new AdaptationSpec(AdaptationKind.FULL, 0);
  private static final InitSpec RANDOM = new InitSpec(InitKind.RANDOM, "", 0, "");

  private static ArmSummary arm(String architecture, int resolution, double auc, double acc) {
    return new ArmSummary(
        new ArmKey("breastmnist", architecture, RANDOM, FULL, 1.0, resolution),
        3,
        auc,
        0.01,
        acc,
        0.01,
        10);
  }

  @Test
  void theShippedMedMnistV2ResultsParseAndEachNamesItsSource() {
    ReferenceRegistry shipped = StudyAnalysisProducer.shipped();

    assertThat(shipped.results()).hasSize(16);
    assertThat(shipped.results())
        .allSatisfy(r -> assertThat(r.source()).contains("MedMNIST v2").contains("Table 3"));
    assertThat(shipped.results())
        .filteredOn(r -> r.dataset().equals("breastmnist") && r.resolution() == 28)
        .filteredOn(r -> r.architecture().equals("resnet18"))
        .extracting(ReferenceResult::metric, ReferenceResult::value)
        .containsExactlyInAnyOrder(
            Tuple.tuple(ReferenceResult.Metric.AUC, 0.901),
            Tuple.tuple(ReferenceResult.Metric.ACC, 0.863));
  }

  @Test
  void anArmReproducingTheProtocolIsFlaggedOutsideTheToleranceAndOthersAreNotChecked() {
    ReferenceRegistry registry =
        ReferenceRegistry.parse(
            "mine.tsv",
            List.of(
                "# a comment",
                ReferenceRegistry.HEADER,
                "breastmnist\tp28\tresnet18\t28\t1.0\trandom\tAUC\t0.90\t0.05\tpaper A",
                "breastmnist\tp28\tresnet18\t28\t1.0\trandom\tACC\t0.86\t0.05\tpaper A",
                ""));

    List<ReferenceCheck> checks =
        registry.check(
            List.of(
                arm("resnet18", 28, 0.80, 0.85),
                arm("resnet18", 64, 0.9, 0.9),
                arm("vgg", 28, 1, 1)));

    assertThat(checks).hasSize(2);
    assertThat(checks.get(0).reference().metric()).isEqualTo(ReferenceResult.Metric.AUC);
    assertThat(checks.get(0).observed()).isEqualTo(0.80);
    assertThat(checks.get(0).withinTolerance()).isFalse();
    assertThat(checks.get(1).observed()).isEqualTo(0.85);
    assertThat(checks.get(1).withinTolerance()).isTrue();
    assertThat(checks.get(1).n()).isEqualTo(3);
  }

  @Test
  void aMalformedLineIsReportedWithItsFileLineAndColumn() {
    assertThatThrownBy(
            () ->
                ReferenceRegistry.parse(
                    "mine.tsv",
                    List.of("", "breastmnist\tp\tresnet18\t28\t1.0\trandom\tAUC\t1.7\t0.05\tsrc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mine.tsv:2")
        .hasMessageContaining("value");
    assertThatThrownBy(
            () ->
                ReferenceRegistry.parse(
                    "mine.tsv",
                    List.of("breastmnist\tp\tresnet18\t28\t1.0\tsomehow\tAUC\t0.9\t0.05\ts")))
        .hasMessageContaining("mine.tsv:1")
        .hasMessageContaining("init_kind");
    assertThatThrownBy(() -> ReferenceRegistry.parse("mine.tsv", List.of("too\tfew")))
        .hasMessageContaining("mine.tsv:1")
        .hasMessageContaining("10 tab-separated columns");
  }
}
