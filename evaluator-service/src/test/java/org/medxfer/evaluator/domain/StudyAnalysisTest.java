package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;

class StudyAnalysisTest {

  private static final StudyName STUDY = new StudyName("transfer");
  private static final InitSpec RANDOM = new InitSpec(InitKind.RANDOM, "", 0, "");
  private static final InitSpec IMAGENET = new InitSpec(InitKind.IMAGENET, "imagenet", 0, "");
  private static final AdaptationSpec FULL = new AdaptationSpec(AdaptationKind.FULL, 0);
  private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1};
  // No reference results: the registry has its own test.
  private static final ReferenceRegistry NO_REFERENCES = new ReferenceRegistry(List.of());
  private static final ReportSettings SETTINGS = ReportSettings.resolve(0.8, 1000, 42, 0.95);

  private final Map<String, Predictions> store = new HashMap<>();
  private final PredictionsRepository repository =
      key -> new StoredPredictions("", 1, store.get(key));
  private final List<TrialMetrics> trials = new ArrayList<>();
  private final List<LearningCurve> curves = new ArrayList<>();

  /** Binary predictions whose class-1 scores are {@code positive}, on {@link #LABELS}. */
  private static Predictions binary(float... positive) {
    float[] scores = new float[positive.length * 2];
    for (int i = 0; i < positive.length; i++) {
      scores[2 * i] = 1 - positive[i];
      scores[2 * i + 1] = positive[i];
    }
    return new Predictions(TaskType.BINARY, 2, LABELS, scores);
  }

  private TrialMetrics add(
      String id, String dataset, InitSpec init, long seed, Predictions predictions) {
    store.put(id, predictions);
    ClassificationReport report = ClassificationReport.of(predictions);
    TrialMetrics trial =
        new TrialMetrics(
            new TrialName(STUDY, id),
            1,
            new TrialFactors(dataset, dataset + "/v1", "mobilenet", init, FULL, 1.0, 28, seed),
            new byte[0],
            TaskType.BINARY,
            report.medMnist(),
            10,
            id,
            Instant.EPOCH,
            Optional.of(report),
            Optional.empty());
    trials.add(trial);
    return trial;
  }

  private void curve(String id, double... valAucs) {
    List<LearningCurvePoint> points = new ArrayList<>();
    for (int e = 0; e < valAucs.length; e++) {
      points.add(new LearningCurvePoint(e + 1, 10L * (e + 1), e + 1.0, 0.5, 0.5, valAucs[e]));
    }
    curves.add(new LearningCurve(new TrialName(STUDY, id), 1, valAucs.length, points));
  }

  private StudyReport analyse() {
    return new StudyAnalysis(new CommonsMathDistributions(), NO_REFERENCES)
        .analyse(STUDY, trials, curves, repository, SETTINGS);
  }

  @Test
  void eachInitIsComparedWithRandomPairedBySeedWithBootstrapAndDeLong() {
    Predictions random0 = binary(0.2f, 0.6f, 0.4f, 0.7f, 0.5f, 0.3f, 0.8f, 0.9f);
    Predictions random1 = binary(0.1f, 0.2f, 0.6f, 0.3f, 0.7f, 0.4f, 0.8f, 0.55f);
    Predictions imagenet0 = binary(0.1f, 0.2f, 0.3f, 0.6f, 0.5f, 0.7f, 0.8f, 0.9f);
    Predictions imagenet1 = binary(0.1f, 0.2f, 0.3f, 0.4f, 0.6f, 0.7f, 0.8f, 0.9f);
    add("r0", "breast", RANDOM, 0, random0);
    add("r1", "breast", RANDOM, 1, random1);
    add("i0", "breast", IMAGENET, 0, imagenet0);
    add("i1", "breast", IMAGENET, 1, imagenet1);
    // A seed random lacks: not paired.
    add("i2", "breast", IMAGENET, 2, imagenet1);

    StudyReport report = analyse();

    assertThat(report.initComparisons()).hasSize(1);
    StudyReport.InitComparison comparison = report.initComparisons().get(0);
    assertThat(comparison.init()).isEqualTo(IMAGENET);
    assertThat(comparison.seeds()).containsExactly(0L, 1L);
    double expected =
        ((MedMnistMetrics.evaluate(imagenet0).auc() - MedMnistMetrics.evaluate(random0).auc())
                + (MedMnistMetrics.evaluate(imagenet1).auc()
                    - MedMnistMetrics.evaluate(random1).auc()))
            / 2;
    assertThat(comparison.interval().delta()).isCloseTo(expected, within(1e-15));
    assertThat(comparison.interval().lower()).isLessThanOrEqualTo(expected);
    assertThat(comparison.interval().upper()).isGreaterThanOrEqualTo(expected);
    assertThat(comparison.interval().resamples()).isEqualTo(1000);
    assertThat(comparison.delong())
        .extracting(StudyReport.SeedDeLong::seed)
        .containsExactly(0L, 1L);
    assertThat(comparison.delong().get(1).result().aucA()).isEqualTo(1.0);
    assertThat(report.arms()).hasSize(2);
    assertThat(report.arms().get(1).seeds()).containsExactly(0L, 1L, 2L);
    assertThat(report.arms().get(1).meanAuprc()).isPresent();
  }

  @Test
  void speedUpIsRandomsMeanStepsToTargetOverTheInitsWhenEveryTrialGotThere() {
    Predictions predictions = binary(0.1f, 0.2f, 0.3f, 0.6f, 0.5f, 0.7f, 0.8f, 0.9f);
    add("r0", "breast", RANDOM, 0, predictions);
    add("i0", "breast", IMAGENET, 0, predictions);
    curve("r0", 0.5, 0.6, 0.7, 0.85);
    curve("i0", 0.7, 0.82, 0.9, 0.9);

    StudyReport report = analyse();

    StudyReport.ArmConvergence random = report.arms().get(0).convergence();
    StudyReport.ArmConvergence imagenet = report.arms().get(1).convergence();
    assertThat(random.meanStepsToTarget()).hasValue(40.0);
    assertThat(imagenet.meanStepsToTarget()).hasValue(20.0);
    assertThat(imagenet.speedupOverRandom()).hasValue(2.0);
    assertThat(random.speedupOverRandom()).hasValue(1.0);
    assertThat(imagenet.meanAreaUnderValCurve().getAsDouble())
        .isCloseTo((0.7 + 0.82 + 0.9 + 0.9) / 4, within(1e-12));
    assertThat(report.curves()).hasSize(2);
  }

  @Test
  void noSpeedUpWhenATrialNeverReachedTheTarget() {
    Predictions predictions = binary(0.1f, 0.2f, 0.3f, 0.6f, 0.5f, 0.7f, 0.8f, 0.9f);
    add("r0", "breast", RANDOM, 0, predictions);
    add("i0", "breast", IMAGENET, 0, predictions);
    curve("r0", 0.5, 0.6);
    curve("i0", 0.7, 0.82);

    StudyReport report = analyse();

    assertThat(report.arms().get(0).convergence().reached()).isZero();
    assertThat(report.arms().get(1).convergence().speedupOverRandom()).isEmpty();
  }

  @Test
  void initsAreTestedAgainstRandomAcrossDataSetsWithHolm() {
    Predictions weak = binary(0.2f, 0.6f, 0.4f, 0.7f, 0.5f, 0.3f, 0.8f, 0.9f);
    Predictions strong = binary(0.1f, 0.2f, 0.3f, 0.6f, 0.5f, 0.7f, 0.8f, 0.9f);
    for (String dataset : List.of("breast", "pneumonia", "derma")) {
      add(dataset + "-r", dataset, RANDOM, 0, weak);
      add(dataset + "-i", dataset, IMAGENET, 0, strong);
    }

    StudyReport report = analyse();

    assertThat(report.acrossDatasets()).hasSize(1);
    StudyReport.AcrossDatasetTest test = report.acrossDatasets().get(0);
    assertThat(test.test()).isEqualTo("wilcoxon");
    assertThat(test.datasets()).isEqualTo(3);
    // Three equal positive differences: T = 0; tied ranks, so the normal approximation with the
    // tie-corrected variance 3·4·7/24 - (3³ - 3)/48 = 3 around the mean 3: z = -√3.
    double p = 2 * new CommonsMathDistributions().normalCdf(-Math.sqrt(3));
    assertThat(test.statistic()).isZero();
    assertThat(test.pValue()).isCloseTo(p, within(1e-12));
    // The only Wilcoxon test of the report: Holm leaves it as it is.
    assertThat(test.adjustedPValue()).isCloseTo(p, within(1e-12));
  }

  @Test
  void warningsOfEveryTrialAreCollectedWithTheirTrial() {
    // Everything above 0.5: ACC 0.5 equals the majority baseline.
    add("r0", "breast", RANDOM, 0, binary(0.6f, 0.6f, 0.6f, 0.6f, 0.7f, 0.7f, 0.7f, 0.7f));

    StudyReport report = analyse();

    assertThat(report.warnings())
        .extracting(w -> w.trial().orElseThrow().trialId(), w -> w.warning().kind())
        .contains(Tuple.tuple("r0", MetricWarning.Kind.ACCURACY_AT_MAJORITY_BASELINE));
  }
}
