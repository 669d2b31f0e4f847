package org.medxfer.evaluator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.api.StudyReportMapper;
import org.medxfer.evaluator.api.TrialMetricsMapper;
import org.medxfer.evaluator.domain.ArmSummary;
import org.medxfer.evaluator.domain.InitKind;
import org.medxfer.evaluator.domain.MedMnistMetrics;
import org.medxfer.evaluator.domain.MetricWarning;
import org.medxfer.evaluator.domain.PredictionsRepository;
import org.medxfer.evaluator.domain.ReportSettings;
import org.medxfer.evaluator.domain.StudyAnalysis;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.StudyReport;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.fixtures.DemoStudy;
import org.medxfer.evaluator.fixtures.InMemoryLearningCurveRepository;
import org.medxfer.evaluator.fixtures.InMemoryTrialMetricsRepository;
import org.medxfer.evaluator.infra.kafka.TrialEventMapper;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;
import org.medxfer.evaluator.infra.stats.StudyAnalysisProducer;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsResponse;
import org.medxfer.proto.evaluation.v1.MetricWarningKind;
import org.medxfer.proto.trial.v1.TrialEvent;

/**
 * The report of the real recorded demo study (24 BreastMNIST trials), every event fed through the
 * same use cases the Kafka consumer calls. Writes the report and the trial metrics as text protos
 * under {@code target/demo-study-report/}, which the CLI's report test renders.
 */
class DemoStudyReportTest {

  private static final StudyName STUDY = StudyName.parse("study", DemoStudy.STUDY);

  private final InMemoryTrialMetricsRepository metrics = new InMemoryTrialMetricsRepository();
  private final InMemoryLearningCurveRepository curves = new InMemoryLearningCurveRepository();
  private final PredictionsRepository predictions = DemoStudy.predictionsRepository();
  private StudyReport report;

  @BeforeEach
  void recordEveryEventAndReport() {
    report = recordAndReport(DemoStudy.events(), metrics, curves);
  }

  /** Feeds {@code events} through the consumer's use cases into the repositories; the report. */
  private StudyReport recordAndReport(
      List<TrialEvent> events,
      InMemoryTrialMetricsRepository metrics,
      InMemoryLearningCurveRepository curves) {
    RecordTrialMetrics recordMetrics = new RecordTrialMetrics(predictions, metrics);
    RecordLearningCurvePoint recordPoint = new RecordLearningCurvePoint(curves);
    for (TrialEvent event : events) {
      if (event.getPayloadCase() == TrialEvent.PayloadCase.EPOCH) {
        TrialEventMapper.EpochPoint epoch = TrialEventMapper.toEpochPoint(event);
        recordPoint.record(epoch.trial(), epoch.attempt(), epoch.totalEpochs(), epoch.point());
      } else if (event.getPayloadCase() == TrialEvent.PayloadCase.COMPLETED) {
        recordMetrics.record(TrialEventMapper.toCompletedTrial(event));
      }
    }
    StudyAnalysis analysis =
        new StudyAnalysis(new CommonsMathDistributions(), StudyAnalysisProducer.shipped());
    return new ReportStudy(metrics, curves, predictions, analysis)
        .report(STUDY, ReportSettings.resolve(0, 0, 0, 0));
  }

  @Test
  void armsMatchTheComparisonPrintedWhenTheStudyRan() {
    // compare.txt: mean test AUC over 3 seeds, printed to 4 decimals.
    Map<String, Double> printed =
        Map.of(
            "mobilenet_v1_025 RANDOM 0.25", 0.5510,
            "mobilenet_v1_025 RANDOM 1.0", 0.7382,
            "mobilenet_v1_025 IMAGENET 0.25", 0.7946,
            "mobilenet_v1_025 IMAGENET 1.0", 0.8423,
            "squeezenet1_1 RANDOM 0.25", 0.6408,
            "squeezenet1_1 RANDOM 1.0", 0.7698,
            "squeezenet1_1 IMAGENET 0.25", 0.7399,
            "squeezenet1_1 IMAGENET 1.0", 0.8335);

    assertThat(report.arms()).hasSize(8);
    for (StudyReport.Arm arm : report.arms()) {
      ArmSummary summary = arm.summary();
      String key =
          summary.arm().architecture()
              + " "
              + summary.arm().init().kind()
              + " "
              + summary.arm().labelFraction();
      assertThat(summary.n()).isEqualTo(3);
      assertThat(summary.meanAuc()).as(key).isCloseTo(printed.get(key), within(5e-5));
      assertThat(arm.seeds()).containsExactly(0L, 1L, 2L);
      assertThat(arm.meanAuprc()).isPresent();
      assertThat(arm.convergence().curves()).isEqualTo(3);
    }
  }

  @Test
  void imagenetIsComparedWithRandomPerCellOverTheThreeSeedPairs() {
    Map<String, TrialMetrics> byTrial =
        metrics.findLatestPerTrial(STUDY).stream()
            .collect(Collectors.toMap(t -> t.trial().toString(), Function.identity()));

    assertThat(report.initComparisons()).hasSize(4);
    for (StudyReport.InitComparison comparison : report.initComparisons()) {
      assertThat(comparison.init().kind()).isEqualTo(InitKind.IMAGENET);
      assertThat(comparison.seeds()).containsExactly(0L, 1L, 2L);
      // The mean over seeds of the per-seed AUC differences, recomputed from the predictions.
      double sum = 0;
      for (StudyReport.SeedDeLong test : comparison.delong()) {
        TrialMetrics imagenet = trialOf(byTrial, comparison, InitKind.IMAGENET, test.seed());
        TrialMetrics random = trialOf(byTrial, comparison, InitKind.RANDOM, test.seed());
        double aucImagenet =
            MedMnistMetrics.evaluate(predictions.load(imagenet.predictionsKey()).predictions())
                .auc();
        double aucRandom =
            MedMnistMetrics.evaluate(predictions.load(random.predictionsKey()).predictions()).auc();
        assertThat(test.result().aucA()).isCloseTo(aucImagenet, within(1e-12));
        assertThat(test.result().aucB()).isCloseTo(aucRandom, within(1e-12));
        assertThat(test.result().pValue()).isBetween(0.0, 1.0);
        sum += aucImagenet - aucRandom;
      }
      assertThat(comparison.interval().delta()).isCloseTo(sum / 3, within(1e-12));
      assertThat(comparison.interval().lower()).isLessThan(comparison.interval().delta());
      assertThat(comparison.interval().upper()).isGreaterThan(comparison.interval().delta());
      assertThat(comparison.interval().resamples()).isEqualTo(1000);
    }
  }

  @Test
  void everyTrialHasItsLearningCurveAndNoArmMatchesAPublishedProtocol() {
    assertThat(report.curves()).hasSize(24);
    assertThat(report.curves()).allSatisfy(c -> assertThat(c.curve().points()).isNotEmpty());
    // MedMNIST v2 reports ResNets at 28 and 224 px; the demo trains other networks at 64 px.
    assertThat(report.referenceChecks()).isEmpty();
    // One data set: nothing to test across data sets.
    assertThat(report.acrossDatasets()).isEmpty();
  }

  @Test
  void theRecordedTrialsPredateCodeVersionsAndReportThemAsNotRecorded() {
    assertThat(metrics.findLatestPerTrial(STUDY))
        .allSatisfy(t -> assertThat(t.codeVersion()).isEmpty());
    assertThat(report.codeVersions())
        .containsExactly(new StudyReport.CodeVersionCount(Optional.empty(), 24));
    // Nothing mixed: every trial lacks one alike.
    assertThat(report.warnings())
        .noneMatch(w -> w.warning().kind() == MetricWarning.Kind.MIXED_CODE_VERSIONS);

    org.medxfer.proto.evaluation.v1.StudyReport proto = StudyReportMapper.toProto(report);
    assertThat(proto.getCodeVersionsList())
        .extracting(CodeVersionCount::getCodeVersion, CodeVersionCount::getTrials)
        .containsExactly(Tuple.tuple("", 24));
  }

  @Test
  void armsTrainedByDifferentCodeVersionsAreCountedAndWarnedAbout() {
    // The same study, as if the ImageNet arms had been trained by one build and the random arms by
    // another: the comparison then mixes the factor with the code.
    List<TrialEvent> events =
        DemoStudy.events().stream()
            .map(
                e ->
                    e.toBuilder()
                        .setCodeVersion(
                            e.getSpec().getInit().getKind()
                                    == org.medxfer.proto.trial.v1.InitKind.INIT_KIND_IMAGENET
                                ? "0.1.0+gaaaaaaaaaaaa"
                                : "0.1.0+gbbbbbbbbbbbb.dirty")
                        .build())
            .toList();
    InMemoryTrialMetricsRepository mixedMetrics = new InMemoryTrialMetricsRepository();

    StudyReport mixed =
        recordAndReport(events, mixedMetrics, new InMemoryLearningCurveRepository());

    assertThat(mixedMetrics.findLatestPerTrial(STUDY))
        .extracting(t -> t.codeVersion().orElseThrow())
        .containsOnly("0.1.0+gaaaaaaaaaaaa", "0.1.0+gbbbbbbbbbbbb.dirty");
    assertThat(mixed.codeVersions())
        .containsExactly(
            new StudyReport.CodeVersionCount(Optional.of("0.1.0+gaaaaaaaaaaaa"), 12),
            new StudyReport.CodeVersionCount(Optional.of("0.1.0+gbbbbbbbbbbbb.dirty"), 12));
    org.medxfer.proto.evaluation.v1.StudyReport proto = StudyReportMapper.toProto(mixed);
    assertThat(proto.getWarningsList())
        .filteredOn(w -> w.getKind() == MetricWarningKind.METRIC_WARNING_KIND_MIXED_CODE_VERSIONS)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getTrial()).isEmpty();
              assertThat(w.getClassIndex()).isEqualTo(-1);
              assertThat(w.getMessage())
                  .contains("0.1.0+gaaaaaaaaaaaa: 12 trials")
                  .contains("0.1.0+gbbbbbbbbbbbb.dirty: 12 trials");
            });
    // Each trial's metrics carry the version it was trained by.
    assertThat(
            TrialMetricsMapper.toProto(mixedMetrics.findLatestPerTrial(STUDY).get(0))
                .getCodeVersion())
        .startsWith("0.1.0+g");
  }

  @Test
  void writesTheReportForTheCliReportTest() throws IOException {
    Path dir = Path.of("target", "demo-study-report");
    Files.createDirectories(dir);
    ListTrialMetricsResponse.Builder trials = ListTrialMetricsResponse.newBuilder();
    metrics.findLatestPerTrial(STUDY).stream()
        .sorted(Comparator.comparing(t -> t.trial().toString()))
        .forEach(t -> trials.addTrialMetrics(TrialMetricsMapper.toProto(t)));
    Files.writeString(
        dir.resolve("study-report.txtpb"),
        TextFormat.printer().printToString(StudyReportMapper.toProto(report)),
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("trial-metrics.txtpb"),
        TextFormat.printer().printToString(trials.build()),
        StandardCharsets.UTF_8);

    assertThat(StudyReportMapper.toProto(report).getArmsCount()).isEqualTo(8);
    assertThat(trials.getTrialMetricsCount()).isEqualTo(24);
  }

  private static TrialMetrics trialOf(
      Map<String, TrialMetrics> byTrial,
      StudyReport.InitComparison comparison,
      InitKind kind,
      long seed) {
    List<TrialMetrics> matches =
        byTrial.values().stream()
            .filter(t -> t.factors().init().kind() == kind)
            .filter(t -> t.factors().seed() == seed)
            .filter(t -> t.factors().architecture().equals(comparison.cell().architecture()))
            .filter(t -> t.factors().labelFraction() == comparison.cell().labelFraction())
            .toList();
    assertThat(matches).hasSize(1);
    return matches.get(0);
  }
}
