package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArmComparisonTest {

  private static final double EXACT = 1e-12;
  private static final StudyName STUDY = new StudyName("transfer");
  private static final InitSpec RANDOM = new InitSpec(InitKind.RANDOM, "", 0, "");
  private static final InitSpec IMAGENET = new InitSpec(InitKind.IMAGENET, "", 0, "");
  private static final AdaptationSpec FULL = new AdaptationSpec(AdaptationKind.FULL, 0);

  private static TrialResult trial(
      String id, String dataset, InitSpec init, long seed, double auc, double acc, double seconds) {
    return new TrialMetrics(
            new TrialName(STUDY, id),
            1,
            new TrialFactors(
                dataset,
                "datasets/" + dataset + "/versions/1",
                "mobilenet",
                init,
                FULL,
                1.0,
                28,
                seed),
            new byte[0],
            TaskType.BINARY,
            new TestMetrics(auc, acc, 100),
            seconds,
            "predictions/" + id,
            Instant.EPOCH,
            Optional.empty(),
            Optional.empty())
        .result();
  }

  @Test
  void armsAreSummarisedOverSeedsWithMeanAndSampleStandardDeviation() {
    List<TrialResult> trials =
        List.of(
            trial("b-img-0", "breast", IMAGENET, 0, 0.80, 0.70, 10),
            trial("b-img-1", "breast", IMAGENET, 1, 0.90, 0.80, 20),
            trial("b-img-2", "breast", IMAGENET, 2, 1.00, 0.90, 30),
            trial("b-rnd-0", "breast", RANDOM, 0, 0.70, 0.60, 40));

    List<ArmSummary> rows = ArmComparison.summarise(trials, List.of(Factor.INIT));

    assertThat(rows).hasSize(2);
    ArmSummary random = rows.get(0);
    assertThat(random.arm().init()).isEqualTo(RANDOM);
    assertThat(random.n()).isEqualTo(1);
    assertThat(random.meanAuc()).isCloseTo(0.70, within(EXACT));
    assertThat(random.sdAuc()).isZero();
    assertThat(random.sdAcc()).isZero();
    ArmSummary imagenet = rows.get(1);
    assertThat(imagenet.arm().init()).isEqualTo(IMAGENET);
    assertThat(imagenet.n()).isEqualTo(3);
    assertThat(imagenet.meanAuc()).isCloseTo(0.90, within(EXACT));
    // Deviations -0.1, 0, 0.1: sqrt(0.02 / (3 - 1)).
    assertThat(imagenet.sdAuc()).isCloseTo(0.1, within(EXACT));
    assertThat(imagenet.meanAcc()).isCloseTo(0.80, within(EXACT));
    assertThat(imagenet.sdAcc()).isCloseTo(0.1, within(EXACT));
    assertThat(imagenet.meanTrainingSeconds()).isCloseTo(20, within(EXACT));
  }

  @Test
  void ungroupedFactorsAreMergedAndLeftEmpty() {
    List<TrialResult> trials =
        List.of(
            trial("b-img", "breast", IMAGENET, 0, 0.8, 0.7, 1),
            trial("b-rnd", "breast", RANDOM, 0, 0.6, 0.5, 1),
            trial("p-img", "pneumonia", IMAGENET, 0, 0.9, 0.8, 1));

    List<ArmSummary> rows = ArmComparison.summarise(trials, List.of(Factor.DATASET));

    assertThat(rows).extracting(r -> r.arm().dataset()).containsExactly("breast", "pneumonia");
    assertThat(rows.get(0).n()).isEqualTo(2);
    assertThat(rows.get(0).meanAuc()).isCloseTo(0.7, within(EXACT));
    assertThat(rows.get(0).arm().init()).isNull();
    assertThat(rows.get(0).arm().architecture()).isNull();
  }

  @Test
  void rowsAreSortedByTheFactorsInRequestOrder() {
    List<TrialResult> trials =
        List.of(
            trial("p-img", "pneumonia", IMAGENET, 0, 0.9, 0.8, 1),
            trial("b-img", "breast", IMAGENET, 0, 0.8, 0.7, 1),
            trial("p-rnd", "pneumonia", RANDOM, 0, 0.7, 0.6, 1),
            trial("b-rnd", "breast", RANDOM, 0, 0.6, 0.5, 1));

    List<ArmSummary> byInitThenDataset =
        ArmComparison.summarise(trials, List.of(Factor.INIT, Factor.DATASET));
    List<ArmSummary> byDatasetThenInit =
        ArmComparison.summarise(trials, List.of(Factor.DATASET, Factor.INIT));

    // Init kinds sort in the proto's order: random before ImageNet.
    assertThat(byInitThenDataset)
        .extracting(r -> r.arm().init().kind() + "/" + r.arm().dataset())
        .containsExactly(
            "RANDOM/breast", "RANDOM/pneumonia", "IMAGENET/breast", "IMAGENET/pneumonia");
    assertThat(byDatasetThenInit)
        .extracting(r -> r.arm().dataset() + "/" + r.arm().init().kind())
        .containsExactly(
            "breast/RANDOM", "breast/IMAGENET", "pneumonia/RANDOM", "pneumonia/IMAGENET");
  }

  @Test
  void noFactorsMeansEveryFactorSoOnlySeedsAreMerged() {
    List<TrialResult> trials =
        List.of(
            trial("b-img-0", "breast", IMAGENET, 0, 0.8, 0.7, 1),
            trial("b-img-1", "breast", IMAGENET, 1, 0.9, 0.8, 1),
            trial("b-rnd-0", "breast", RANDOM, 0, 0.6, 0.5, 1));

    List<ArmSummary> rows = ArmComparison.summarise(trials, List.of());

    assertThat(rows).extracting(ArmSummary::n).containsExactly(1, 2);
    ArmKey imagenet = rows.get(1).arm();
    assertThat(imagenet.dataset()).isEqualTo("breast");
    assertThat(imagenet.architecture()).isEqualTo("mobilenet");
    assertThat(imagenet.init()).isEqualTo(IMAGENET);
    assertThat(imagenet.adaptation()).isEqualTo(FULL);
    assertThat(imagenet.labelFraction()).isEqualTo(1.0);
    assertThat(imagenet.resolution()).isEqualTo(28);
  }

  @Test
  void initialisationsDifferingBeyondTheirKindAreDifferentArms() {
    InitSpec partial2 = new InitSpec(InitKind.PARTIAL, "", 2, "");
    InitSpec partial4 = new InitSpec(InitKind.PARTIAL, "", 4, "");

    List<ArmSummary> rows =
        ArmComparison.summarise(
            List.of(
                trial("p4", "breast", partial4, 0, 0.8, 0.7, 1),
                trial("p2", "breast", partial2, 0, 0.9, 0.8, 1)),
            List.of(Factor.INIT));

    assertThat(rows).extracting(r -> r.arm().init()).containsExactly(partial2, partial4);
  }

  @Test
  void aTrialCountedTwiceIsRefused() {
    TrialResult once = trial("b-img-0", "breast", IMAGENET, 0, 0.8, 0.7, 1);

    assertThatThrownBy(() -> ArmComparison.summarise(List.of(once, once), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("studies/transfer/trials/b-img-0");
  }

  @Test
  void noTrialsGiveNoRows() {
    assertThat(ArmComparison.summarise(List.of(), List.of())).isEmpty();
  }

  @Test
  void sampleStandardDeviationUsesNMinusOne() {
    // Values 2, 4, 4, 4, 5, 5, 7, 9: squared deviations from 5 sum to 32; 32 / 7.
    double[] values = {2, 4, 4, 4, 5, 5, 7, 9};

    assertThat(SampleStatistics.mean(values)).isEqualTo(5.0);
    assertThat(SampleStatistics.sampleStandardDeviation(values))
        .isCloseTo(Math.sqrt(32.0 / 7.0), within(EXACT));
    assertThat(SampleStatistics.sampleStandardDeviation(new double[] {0.7})).isZero();
  }
}
