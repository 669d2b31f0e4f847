package org.medxfer.evaluator.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.medxfer.evaluator.app.CompareStudy;
import org.medxfer.evaluator.app.RecordTrialMetrics;
import org.medxfer.evaluator.domain.ClassificationReport;
import org.medxfer.evaluator.domain.ComparisonFilter;
import org.medxfer.evaluator.domain.DeLongComparison;
import org.medxfer.evaluator.domain.Factor;
import org.medxfer.evaluator.domain.InitKind;
import org.medxfer.evaluator.domain.PairedBootstrap;
import org.medxfer.evaluator.domain.Predictions;
import org.medxfer.evaluator.domain.PredictionsRepository;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TrialFactors;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.evaluator.fixtures.DemoStudy;
import org.medxfer.evaluator.fixtures.InMemoryTrialMetricsRepository;
import org.medxfer.evaluator.infra.db.JdbcTrialMetricsRepository;
import org.medxfer.evaluator.infra.kafka.TrialEventMapper;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;
import org.medxfer.localstack.LocalStack;
import org.medxfer.localstack.RunningStack;
import org.medxfer.localstack.StackOptions;
import org.medxfer.localstack.StackPorts;

/**
 * Prints (1) the time to compute the metrics of two arms of 10,000 test predictions and compare
 * them (extended report of each arm, paired bootstrap of ΔAUC with 1,000 resamples, DeLong's test),
 * and (2) the latency of comparison queries over a study of 10,000 stored trials in a real
 * PostgreSQL started by the local stack. A benchmark, not a test: it asserts nothing. See the
 * module README.
 *
 * <p>Data: the recorded real demo study (test resources {@code demo-study/}). The 10,000
 * predictions are test images drawn (seeded, with replacement) from the 156 real BreastMNIST test
 * images with both arms' real scores; the 10,000 trials are the 24 real trials' stored results
 * repeated under new trial ids and seeds.
 *
 * <p>System properties: {@code images} [10000], {@code runs} [5], {@code trials} [10000], {@code
 * queries} [300], {@code port-base} [23830], {@code skip-db} [false].
 */
public final class EvaluationBench {

  private EvaluationBench() {}

  public static void main(String[] args) throws Exception {
    int images = Integer.getInteger("images", 10_000);
    int runs = Integer.getInteger("runs", 5);
    if (!Boolean.getBoolean("skip-metrics")) {
      metricsAndBootstrap(images, runs);
    }
    if (!Boolean.getBoolean("skip-db")) {
      comparisonQueries(
          Integer.getInteger("trials", 10_000),
          Integer.getInteger("queries", 300),
          Integer.getInteger("port-base", 23830));
    }
  }

  private static void metricsAndBootstrap(int images, int runs) {
    PredictionsRepository repository = DemoStudy.predictionsRepository();
    Predictions imagenet = null;
    Predictions random = null;
    for (var event : DemoStudy.completions()) {
      String trial = event.getTrial();
      if (trial.contains("mobilenet-v1-025-imagenet-full-f1-0-r64-s0-")) {
        imagenet = repository.load(event.getCompleted().getPredictionsKey()).predictions();
      } else if (trial.contains("mobilenet-v1-025-random-full-f1-0-r64-s0-")) {
        random = repository.load(event.getCompleted().getPredictionsKey()).predictions();
      }
    }
    Random draw = new Random(2026);
    int[] drawn = new int[images];
    for (int i = 0; i < images; i++) {
      drawn[i] = draw.nextInt(imagenet.count());
    }
    Predictions a = PairedBootstrap.resample(imagenet, drawn);
    Predictions b = PairedBootstrap.resample(random, drawn);
    DeLongComparison delong = new DeLongComparison(new CommonsMathDistributions());
    System.out.printf(
        Locale.ROOT,
        "Metrics + comparison of two arms, %d predictions each (real scores, images drawn from"
            + " the 156 BreastMNIST test images), %d runs after one warm-up:%n",
        images,
        runs);
    double[] seconds = new double[runs];
    for (int run = -1; run < runs; run++) {
      long start = System.nanoTime();
      ClassificationReport reportA = ClassificationReport.of(a);
      ClassificationReport reportB = ClassificationReport.of(b);
      PairedBootstrap.Interval interval = PairedBootstrap.deltaAuc(a, b, 1000, 0.95, run + 1);
      DeLongComparison.Result test = delong.test(a, b);
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (run >= 0) {
        seconds[run] = elapsed;
        System.out.printf(
            Locale.ROOT,
            "  run %d: %.3f s (AUC %.4f vs %.4f, ΔAUC %.4f [%.4f, %.4f], DeLong p %.2e)%n",
            run + 1,
            elapsed,
            reportA.medMnist().auc(),
            reportB.medMnist().auc(),
            interval.delta(),
            interval.lower(),
            interval.upper(),
            test.pValue());
      }
    }
    Arrays.sort(seconds);
    System.out.printf(
        Locale.ROOT,
        "  median %.3f s, max %.3f s (goal 0.5 s)%n",
        seconds[runs / 2],
        seconds[runs - 1]);
  }

  private static void comparisonQueries(int trialCount, int queries, int portBase)
      throws Exception {
    InMemoryTrialMetricsRepository memory = new InMemoryTrialMetricsRepository();
    RecordTrialMetrics record = new RecordTrialMetrics(DemoStudy.predictionsRepository(), memory);
    for (var event : DemoStudy.completions()) {
      record.record(TrialEventMapper.toCompletedTrial(event));
    }
    List<TrialMetrics> real = memory.findLatestPerTrial(StudyName.parse("study", DemoStudy.STUDY));
    Path state = Files.createTempDirectory("medxfer-evaluation-bench-");
    System.out.printf(
        Locale.ROOT,
        "Comparison queries over %d stored trials (the 24 real trials' results repeated), real"
            + " PostgreSQL from the local stack:%n",
        trialCount);
    try (RunningStack stack =
            LocalStack.start(
                StackOptions.builder(Path.of("").toAbsolutePath().getParent())
                    .stateDir(state)
                    .ports(StackPorts.fromBase(portBase))
                    .infrastructureOnly()
                    .progress(line -> {})
                    .build());
        AgroalDataSource dataSource = pool(stack)) {
      Flyway.configure()
          .dataSource(dataSource)
          .schemas("evaluator")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      JdbcTrialMetricsRepository repository = new JdbcTrialMetricsRepository(dataSource);
      StudyName study = new StudyName("bench-10k");
      long insertStart = System.nanoTime();
      for (int i = 0; i < trialCount; i++) {
        repository.insertIfAbsent(renamed(real.get(i % real.size()), study, i));
      }
      System.out.printf(
          Locale.ROOT, "  stored in %.1f s%n", (System.nanoTime() - insertStart) / 1e9);
      CompareStudy compare = new CompareStudy(repository);
      List<Double> afterInsert = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        repository.insertIfAbsent(renamed(real.get(i % real.size()), study, trialCount + i));
        long start = System.nanoTime();
        compare.compare(study, Factor.ALL, ComparisonFilter.NONE, 100, "");
        afterInsert.add((System.nanoTime() - start) / 1e6);
      }
      afterInsert.sort(Double::compare);
      System.out.printf(
          Locale.ROOT,
          "  first comparison after a new trial is stored (reads every trial): p50 %.1f ms, max"
              + " %.1f ms over 20%n",
          afterInsert.get(10),
          afterInsert.get(19));
      time(
          "every factor, first page of 100",
          queries,
          () -> compare.compare(study, Factor.ALL, ComparisonFilter.NONE, 100, ""));
      time(
          "init x architecture, dataset = breastmnist, imagenet and random",
          queries,
          () ->
              compare.compare(
                  study,
                  List.of(Factor.INIT, Factor.ARCHITECTURE),
                  new ComparisonFilter(
                      List.of("breastmnist"),
                      List.of(),
                      List.of(InitKind.IMAGENET, InitKind.RANDOM),
                      List.of(),
                      List.of()),
                  100,
                  ""));
    }
  }

  /** {@code source}'s stored result as trial {@code index} of {@code study}, seed index / 24. */
  private static TrialMetrics renamed(TrialMetrics source, StudyName study, int index) {
    TrialFactors f = source.factors();
    return new TrialMetrics(
        new TrialName(study, "t%05d".formatted(index)),
        1,
        new TrialFactors(
            f.dataset(),
            f.datasetVersion(),
            f.architecture(),
            f.init(),
            f.adaptation(),
            f.labelFraction(),
            f.resolution(),
            index / 24),
        source.spec(),
        source.taskType(),
        source.metrics(),
        source.trainingSeconds(),
        source.predictionsKey(),
        source.createTime(),
        source.report(),
        source.codeVersion());
  }

  private static AgroalDataSource pool(RunningStack stack) throws SQLException {
    return AgroalDataSource.from(
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(4)
                        .connectionFactoryConfiguration(
                            factory ->
                                factory
                                    .jdbcUrl(stack.jdbcUrl())
                                    .principal(new NamePrincipal(stack.databaseUser()))
                                    .credential(new SimplePassword(stack.databasePassword())))));
  }

  private static void time(String what, int queries, Runnable query) {
    for (int i = 0; i < 20; i++) {
      query.run();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      long start = System.nanoTime();
      query.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    millis.sort(Double::compare);
    System.out.printf(
        Locale.ROOT,
        "  %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d queries (goal p99 50 ms)%n",
        what,
        millis.get(queries / 2),
        millis.get((int) Math.ceil(queries * 0.99) - 1),
        millis.get(queries - 1),
        queries);
  }
}
