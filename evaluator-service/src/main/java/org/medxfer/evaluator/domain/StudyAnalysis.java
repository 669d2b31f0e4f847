package org.medxfer.evaluator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns a study's stored results, learning curves and predictions into its report: the arms with
 * their extended metrics and convergence, each initialisation against random in the same cell
 * (paired by seed on the same test set: bootstrap interval of ΔAUC and, for binary data sets,
 * DeLong's test), the tests across data sets (Wilcoxon per initialisation, Holm-corrected; Friedman
 * with Nemenyi's critical difference where three or more initialisations share data sets), the
 * reference checks and the warnings.
 *
 * <p>A cell is an arm key without its initialisation: data set, architecture, adaptation, label
 * fraction and resolution.
 */
public final class StudyAnalysis {

  private final DeLongComparison delong;
  private final WilcoxonSignedRank wilcoxon;
  private final FriedmanChiSquare friedman;
  private final ReferenceRegistry references;

  public StudyAnalysis(Distributions distributions, ReferenceRegistry references) {
    this.delong = new DeLongComparison(distributions);
    this.wilcoxon = new WilcoxonSignedRank(distributions);
    this.friedman = new FriedmanChiSquare(distributions);
    this.references = references;
  }

  /**
   * The report.
   *
   * @param trials the latest attempt with metrics of each trial
   * @param curves learning curves of the study (any attempt; those of other attempts are ignored)
   * @param predictions where the trials' predictions are read from (only for paired comparisons)
   */
  public StudyReport analyse(
      StudyName study,
      List<TrialMetrics> trials,
      List<LearningCurve> curves,
      PredictionsRepository predictions,
      ReportSettings settings) {
    List<ArmSummary> summaries =
        ArmComparison.summarise(trials.stream().map(TrialMetrics::result).toList(), Factor.ALL);
    Map<ArmKey, List<TrialMetrics>> members = new HashMap<>();
    for (TrialMetrics trial : trials) {
      members
          .computeIfAbsent(ArmKey.of(trial.factors(), Factor.ALL), k -> new ArrayList<>())
          .add(trial);
    }
    Map<TrialName, TrialMetrics> byName = new HashMap<>();
    trials.forEach(trial -> byName.put(trial.trial(), trial));
    List<StudyReport.Curve> latestCurves = new ArrayList<>();
    Map<TrialName, ConvergenceMeasures> measures = new HashMap<>();
    for (LearningCurve curve : curves) {
      TrialMetrics trial = byName.get(curve.trial());
      if (trial != null && trial.attempt() == curve.attempt() && !curve.points().isEmpty()) {
        latestCurves.add(new StudyReport.Curve(curve, trial));
        measures.put(curve.trial(), ConvergenceMeasures.of(curve, settings.targetValAuc()));
      }
    }
    latestCurves.sort(Comparator.comparing(c -> c.trial().trial().toString()));

    Map<ArmKey, StudyReport.ArmConvergence> convergence = new HashMap<>();
    for (ArmSummary summary : summaries) {
      convergence.put(summary.arm(), convergence(members.get(summary.arm()), measures));
    }
    List<StudyReport.Arm> arms = new ArrayList<>();
    for (ArmSummary summary : summaries) {
      List<TrialMetrics> armTrials = members.get(summary.arm());
      arms.add(
          new StudyReport.Arm(
              summary,
              meanOfReports(armTrials, ClassificationReport::auprc),
              meanOfReports(armTrials, ClassificationReport::balancedAccuracy),
              meanOfReports(armTrials, ClassificationReport::f1),
              meanOfReports(armTrials, ClassificationReport::expectedCalibrationError),
              armTrials.stream().map(t -> t.factors().seed()).sorted().toList(),
              withSpeedup(summary.arm(), convergence)));
    }

    List<StudyReport.InitComparison> comparisons =
        initComparisons(summaries, members, predictions, settings);
    List<StudyReport.AcrossDatasetTest> across = acrossDatasets(summaries);
    List<StudyReport.TrialWarning> warnings = new ArrayList<>();
    trials.stream()
        .sorted(Comparator.comparing(t -> t.trial().toString()))
        .forEach(
            trial ->
                trial
                    .report()
                    .ifPresent(
                        report ->
                            report
                                .warnings()
                                .forEach(
                                    w ->
                                        warnings.add(
                                            new StudyReport.TrialWarning(
                                                Optional.of(trial.trial()), w)))));
    List<StudyReport.CodeVersionCount> codeVersions = codeVersions(trials);
    mixedCodeVersions(codeVersions)
        .ifPresent(w -> warnings.add(new StudyReport.TrialWarning(Optional.empty(), w)));
    return new StudyReport(
        study,
        settings,
        arms,
        comparisons,
        latestCurves,
        references.check(summaries),
        across,
        warnings,
        codeVersions);
  }

  /**
   * The code versions that trained {@code trials} with their counts: ascending by version, the
   * trials that recorded none last.
   */
  static List<StudyReport.CodeVersionCount> codeVersions(List<TrialMetrics> trials) {
    Map<String, Integer> recorded = new TreeMap<>();
    int notRecorded = 0;
    for (TrialMetrics trial : trials) {
      if (trial.codeVersion().isPresent()) {
        recorded.merge(trial.codeVersion().get(), 1, Integer::sum);
      } else {
        notRecorded++;
      }
    }
    List<StudyReport.CodeVersionCount> counts = new ArrayList<>();
    recorded.forEach(
        (version, n) -> counts.add(new StudyReport.CodeVersionCount(Optional.of(version), n)));
    if (notRecorded > 0) {
      counts.add(new StudyReport.CodeVersionCount(Optional.empty(), notRecorded));
    }
    return counts;
  }

  /**
   * The study-wide warning when the trials were not all trained by one known code version: two
   * versions, or some trials with one and some without, since then nothing shows that the arms ran
   * the same code. Trials that all recorded none get no warning here (there is nothing mixed to
   * show); the report says that the versions were not recorded.
   */
  static Optional<MetricWarning> mixedCodeVersions(List<StudyReport.CodeVersionCount> counts) {
    if (counts.size() < 2) {
      return Optional.empty();
    }
    StringBuilder versions = new StringBuilder();
    for (StudyReport.CodeVersionCount count : counts) {
      versions
          .append(versions.isEmpty() ? "" : "; ")
          .append(count.codeVersion().orElse("not recorded"))
          .append(": ")
          .append(count.trials())
          .append(count.trials() == 1 ? " trial" : " trials");
    }
    return Optional.of(
        new MetricWarning(
            MetricWarning.Kind.MIXED_CODE_VERSIONS,
            -1,
            "the trials were trained by different code versions ("
                + versions
                + "), so a difference between arms may come from the code rather than the"
                + " factor"));
  }

  /** The arm key of {@code arm}'s cell: every factor but the initialisation. */
  static ArmKey cellOf(ArmKey arm) {
    return new ArmKey(
        arm.dataset(),
        arm.architecture(),
        null,
        arm.adaptation(),
        arm.labelFraction(),
        arm.resolution());
  }

  private static OptionalDouble meanOfReports(
      List<TrialMetrics> trials, ToDoubleFunction<ClassificationReport> metric) {
    return trials.stream().flatMap(t -> t.report().stream()).mapToDouble(metric).average();
  }

  private static StudyReport.ArmConvergence convergence(
      List<TrialMetrics> trials, Map<TrialName, ConvergenceMeasures> measures) {
    List<ConvergenceMeasures> withCurve =
        trials.stream().map(t -> measures.get(t.trial())).filter(m -> m != null).toList();
    List<ConvergenceMeasures> reached =
        withCurve.stream().filter(m -> m.stepsToTarget().isPresent()).toList();
    return new StudyReport.ArmConvergence(
        withCurve.size(),
        reached.size(),
        reached.stream().mapToDouble(m -> m.stepsToTarget().getAsLong()).average(),
        reached.stream().mapToDouble(m -> m.secondsToTarget().getAsDouble()).average(),
        withCurve.stream().mapToDouble(ConvergenceMeasures::areaUnderValCurve).average(),
        OptionalDouble.empty());
  }

  /**
   * The arm's convergence with its speed-up over the random arm of its cell, defined only when
   * every trial of both arms has a curve that reached the target (a mean over the trials that got
   * there would flatter an arm whose other trials never did).
   */
  private static StudyReport.ArmConvergence withSpeedup(
      ArmKey arm, Map<ArmKey, StudyReport.ArmConvergence> convergence) {
    StudyReport.ArmConvergence own = convergence.get(arm);
    ArmKey cell = cellOf(arm);
    StudyReport.ArmConvergence random =
        convergence.entrySet().stream()
            .filter(e -> e.getKey().init().kind() == InitKind.RANDOM)
            .filter(e -> cellOf(e.getKey()).equals(cell))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    OptionalDouble speedup = OptionalDouble.empty();
    if (random != null && allReached(own) && allReached(random)) {
      speedup =
          OptionalDouble.of(
              random.meanStepsToTarget().getAsDouble() / own.meanStepsToTarget().getAsDouble());
    }
    return new StudyReport.ArmConvergence(
        own.curves(),
        own.reached(),
        own.meanStepsToTarget(),
        own.meanSecondsToTarget(),
        own.meanAreaUnderValCurve(),
        speedup);
  }

  private static boolean allReached(StudyReport.ArmConvergence convergence) {
    return convergence.curves() > 0
        && convergence.reached() == convergence.curves()
        && convergence.meanStepsToTarget().orElse(0) > 0;
  }

  private List<StudyReport.InitComparison> initComparisons(
      List<ArmSummary> summaries,
      Map<ArmKey, List<TrialMetrics>> members,
      PredictionsRepository predictions,
      ReportSettings settings) {
    Map<String, Predictions> loaded = new HashMap<>();
    List<StudyReport.InitComparison> comparisons = new ArrayList<>();
    for (ArmSummary random : summaries) {
      if (random.arm().init().kind() != InitKind.RANDOM) {
        continue;
      }
      ArmKey cell = cellOf(random.arm());
      Map<Long, TrialMetrics> randomBySeed = bySeed(members.get(random.arm()));
      for (ArmSummary other : summaries) {
        if (other.arm().init().kind() == InitKind.RANDOM || !cellOf(other.arm()).equals(cell)) {
          continue;
        }
        Map<Long, TrialMetrics> otherBySeed = bySeed(members.get(other.arm()));
        List<Long> seeds =
            otherBySeed.keySet().stream().filter(randomBySeed::containsKey).sorted().toList();
        if (seeds.isEmpty()) {
          continue;
        }
        List<Predictions> a = new ArrayList<>();
        List<Predictions> b = new ArrayList<>();
        for (long seed : seeds) {
          a.add(load(loaded, predictions, otherBySeed.get(seed)));
          b.add(load(loaded, predictions, randomBySeed.get(seed)));
        }
        PairedBootstrap.Interval interval =
            PairedBootstrap.meanDeltaAuc(
                a, b, settings.resamples(), settings.confidence(), settings.seed());
        List<StudyReport.SeedDeLong> tests = new ArrayList<>();
        if (a.get(0).taskType() == TaskType.BINARY) {
          for (int i = 0; i < seeds.size(); i++) {
            tests.add(new StudyReport.SeedDeLong(seeds.get(i), delong.test(a.get(i), b.get(i))));
          }
        }
        comparisons.add(
            new StudyReport.InitComparison(cell, other.arm().init(), seeds, interval, tests));
      }
    }
    return comparisons;
  }

  private static Map<Long, TrialMetrics> bySeed(List<TrialMetrics> trials) {
    Map<Long, TrialMetrics> bySeed = new TreeMap<>();
    // Two trials of one arm with the same seed are repeats; the first by name is paired.
    trials.stream()
        .sorted(Comparator.comparing(t -> t.trial().toString()))
        .forEach(t -> bySeed.putIfAbsent(t.factors().seed(), t));
    return bySeed;
  }

  private static Predictions load(
      Map<String, Predictions> loaded, PredictionsRepository predictions, TrialMetrics trial) {
    return loaded.computeIfAbsent(
        trial.predictionsKey(), key -> predictions.load(key).predictions());
  }

  /**
   * Wilcoxon of each initialisation against random over the data sets where both were run (same
   * architecture, adaptation, label fraction and resolution), on the arms' mean AUCs, Holm-adjusted
   * together; Friedman over the initialisations run on the same data sets, when there are 3 or
   * more, with Nemenyi's critical difference in the description.
   */
  private List<StudyReport.AcrossDatasetTest> acrossDatasets(List<ArmSummary> summaries) {
    // setting (cell without the data set) -> init -> data set -> mean AUC
    Map<ArmKey, Map<InitSpec, Map<String, Double>>> bySetting = new LinkedHashMap<>();
    for (ArmSummary arm : summaries) {
      ArmKey key = arm.arm();
      ArmKey setting =
          new ArmKey(
              null,
              key.architecture(),
              null,
              key.adaptation(),
              key.labelFraction(),
              key.resolution());
      bySetting
          .computeIfAbsent(setting, k -> new TreeMap<>())
          .computeIfAbsent(key.init(), k -> new TreeMap<>())
          .put(key.dataset(), arm.meanAuc());
    }
    List<StudyReport.AcrossDatasetTest> wilcoxonTests = new ArrayList<>();
    List<StudyReport.AcrossDatasetTest> friedmanTests = new ArrayList<>();
    for (Map.Entry<ArmKey, Map<InitSpec, Map<String, Double>>> entry : bySetting.entrySet()) {
      String setting = describe(entry.getKey());
      Map<InitSpec, Map<String, Double>> inits = entry.getValue();
      Map<String, Double> random =
          inits.entrySet().stream()
              .filter(e -> e.getKey().kind() == InitKind.RANDOM)
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(Map.of());
      for (Map.Entry<InitSpec, Map<String, Double>> init : inits.entrySet()) {
        if (init.getKey().kind() == InitKind.RANDOM) {
          continue;
        }
        List<String> shared =
            init.getValue().keySet().stream().filter(random::containsKey).sorted().toList();
        if (shared.size() < 2) {
          continue;
        }
        double[] a = shared.stream().mapToDouble(init.getValue()::get).toArray();
        double[] b = shared.stream().mapToDouble(random::get).toArray();
        try {
          WilcoxonSignedRank.Result result = wilcoxon.test(a, b);
          wilcoxonTests.add(
              new StudyReport.AcrossDatasetTest(
                  "wilcoxon",
                  "%s vs random, %s, over %s".formatted(describe(init.getKey()), setting, shared),
                  shared.size(),
                  result.statistic(),
                  result.pValue(),
                  result.pValue()));
        } catch (IllegalArgumentException e) {
          // Every difference zero: nothing to rank, so no test to report.
        }
      }
      List<InitSpec> initList = new ArrayList<>(inits.keySet());
      if (initList.size() >= 3) {
        List<String> shared =
            inits.values().iterator().next().keySet().stream()
                .filter(d -> inits.values().stream().allMatch(m -> m.containsKey(d)))
                .sorted()
                .toList();
        if (shared.size() >= 2) {
          double[][] metric = new double[shared.size()][initList.size()];
          for (int d = 0; d < shared.size(); d++) {
            for (int i = 0; i < initList.size(); i++) {
              metric[d][i] = inits.get(initList.get(i)).get(shared.get(d));
            }
          }
          FriedmanChiSquare.Result result = friedman.test(metric);
          StringBuilder ranks = new StringBuilder();
          for (int i = 0; i < initList.size(); i++) {
            ranks
                .append(i == 0 ? "" : ", ")
                .append(describe(initList.get(i)))
                .append(" %.2f".formatted(result.averageRanks()[i]));
          }
          String criticalDifference =
              initList.size() <= 10
                  ? "; Nemenyi CD(0.05) %.2f"
                      .formatted(
                          NemenyiCriticalDifference.criticalDifference(
                              initList.size(), shared.size()))
                  : "";
          friedmanTests.add(
              new StudyReport.AcrossDatasetTest(
                  "friedman",
                  "%d initialisations, %s, over %s; average ranks %s%s"
                      .formatted(initList.size(), setting, shared, ranks, criticalDifference),
                  shared.size(),
                  result.chiSquare(),
                  result.pValue(),
                  result.pValue()));
        }
      }
    }
    double[] adjusted =
        HolmCorrection.adjust(
            wilcoxonTests.stream().mapToDouble(StudyReport.AcrossDatasetTest::pValue).toArray());
    List<StudyReport.AcrossDatasetTest> tests = new ArrayList<>();
    for (int i = 0; i < wilcoxonTests.size(); i++) {
      StudyReport.AcrossDatasetTest test = wilcoxonTests.get(i);
      tests.add(
          new StudyReport.AcrossDatasetTest(
              test.test(),
              test.description(),
              test.datasets(),
              test.statistic(),
              test.pValue(),
              adjusted[i]));
    }
    tests.addAll(friedmanTests);
    return tests;
  }

  private static String describe(ArmKey setting) {
    return "%s, %s, fraction %s, %d px"
        .formatted(
            setting.architecture(),
            setting.adaptation().kind().name().toLowerCase(Locale.ROOT),
            setting.labelFraction(),
            setting.resolution());
  }

  private static String describe(InitSpec init) {
    String kind = init.kind().name().toLowerCase(Locale.ROOT);
    return init.weights().isEmpty() ? kind : kind + " (" + init.weights() + ")";
  }
}
