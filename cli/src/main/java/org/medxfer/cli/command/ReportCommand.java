package org.medxfer.cli.command;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.render.CodeVersions;
import org.medxfer.cli.render.HtmlReport;
import org.medxfer.common.build.CodeVersion;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.evaluation.v1.GetStudyReportRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsResponse;
import org.medxfer.proto.evaluation.v1.StudyReport;
import org.medxfer.proto.evaluation.v1.TrialMetrics;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medxfer report STUDY -o report.html}: the study's report as one self-contained HTML file.
 * Everything comes through the gateway: results and statistics from the evaluation API; the study
 * file and data set hashes and licences only for provenance, so a report is still written (saying
 * what is missing) when either cannot be had.
 */
@Command(
    name = "report",
    description =
        "Write a study's report as one self-contained HTML file: tables, forest plot of ΔAUC,"
            + " learning curves, results by label fraction, warnings, provenance.")
public final class ReportCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "STUDY", description = "studies/{study} or the study id.")
  String study;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write the HTML (default: report.html).")
  Path output = Path.of("report.html");

  @Option(
      names = "--target-val-auc",
      paramLabel = "AUC",
      description = "Validation AUC that counts as converged (default 0.8).")
  double targetValAuc;

  @Option(
      names = "--bootstrap-resamples",
      paramLabel = "N",
      description = "Bootstrap resamples per comparison, 1000 to 100000 (default 1000).")
  int resamples;

  @Option(
      names = "--bootstrap-seed",
      paramLabel = "SEED",
      description = "Seed of the bootstrap (default 0).")
  long seed;

  @Option(
      names = "--confidence",
      paramLabel = "C",
      description = "Coverage of the intervals (default 0.95).")
  double confidence;

  @Override
  public Integer call() {
    String studyName = CompareCommand.studyName(study);
    try (MedxferClients clients = connection.clients()) {
      StudyReport report =
          clients
              .evaluation()
              .getStudyReport(
                  GetStudyReportRequest.newBuilder()
                      .setStudy(studyName)
                      .setTargetValAuc(targetValAuc)
                      .setBootstrapResamples(resamples)
                      .setBootstrapSeed(seed)
                      .setConfidence(confidence)
                      .build());
      List<TrialMetrics> trials = trials(clients, studyName);
      Optional<Study> described = study(clients, studyName);
      Map<String, DatasetVersion> versions = new TreeMap<>();
      trials.stream()
          .map(t -> t.getSpec().getDatasetVersion())
          .distinct()
          .forEach(
              version -> datasetVersion(clients, version).ifPresent(v -> versions.put(version, v)));
      String html =
          HtmlReport.render(
              new HtmlReport.Inputs(
                  report, trials, described, versions, CodeVersion.current(), Instant.now()));
      try {
        Files.writeString(output, html, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + output, e);
      }
      System.out.printf(
          "wrote %s: %d arms, %d comparisons with random, %d learning curves, %d warnings%n",
          output,
          report.getArmsCount(),
          report.getInitComparisonsCount(),
          report.getLearningCurvesCount(),
          report.getWarningsCount());
      System.out.printf(
          "trained by %s; rendered by %s%n", CodeVersions.summary(report), CodeVersion.current());
      CodeVersions.caution(report).ifPresent(c -> System.out.println("warning: " + c));
      return 0;
    }
  }

  /** Every trial's latest metrics, all pages. */
  static List<TrialMetrics> trials(MedxferClients clients, String studyName) {
    List<TrialMetrics> all = new ArrayList<>();
    String pageToken = "";
    do {
      ListTrialMetricsResponse page =
          clients
              .evaluation()
              .listTrialMetrics(
                  ListTrialMetricsRequest.newBuilder()
                      .setParent(studyName)
                      .setPageSize(1000)
                      .setPageToken(pageToken)
                      .build());
      all.addAll(page.getTrialMetricsList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return all;
  }

  private static Optional<Study> study(MedxferClients clients, String studyName) {
    try {
      return Optional.of(
          clients.studies().getStudy(GetStudyRequest.newBuilder().setName(studyName).build()));
    } catch (StatusRuntimeException e) {
      System.err.printf(
          "the gateway could not describe %s (%s); the report has no study file%n",
          studyName, e.getStatus().getCode());
      return Optional.empty();
    }
  }

  private static Optional<DatasetVersion> datasetVersion(MedxferClients clients, String version) {
    try {
      return Optional.of(
          clients
              .datasets()
              .getDatasetVersion(GetDatasetVersionRequest.newBuilder().setName(version).build()));
    } catch (StatusRuntimeException e) {
      System.err.printf(
          "the gateway could not describe %s (%s); the report marks it as not found%n",
          version, e.getStatus().getCode());
      return Optional.empty();
    }
  }
}
