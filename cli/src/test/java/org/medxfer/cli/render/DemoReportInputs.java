package org.medxfer.cli.render;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsResponse;
import org.medxfer.proto.evaluation.v1.StudyReport;
import org.medxfer.proto.study.v1.Study;

/**
 * The report inputs of the real recorded demo study (see {@code demo-study/README.md} in the test
 * resources): the evaluator's report and trial metrics as it computed them, and the study file.
 */
final class DemoReportInputs {

  private DemoReportInputs() {}

  static HtmlReport.Inputs load() {
    StudyReport.Builder report = StudyReport.newBuilder();
    ListTrialMetricsResponse.Builder trials = ListTrialMetricsResponse.newBuilder();
    try {
      TextFormat.merge(resource("study-report.txtpb"), report);
      TextFormat.merge(resource("trial-metrics.txtpb"), trials);
    } catch (TextFormat.ParseException e) {
      throw new IllegalStateException(e);
    }
    Study study =
        Study.newBuilder()
            .setName(report.getStudy())
            .setDisplayName("breast-transfer-seeds")
            .setStudyFile(resource("study.yaml"))
            .build();
    return new HtmlReport.Inputs(
        report.build(),
        trials.getTrialMetricsList(),
        Optional.of(study),
        // The dataset version's hash is not part of the recording: the report must say so.
        Map.of(),
        "test",
        Instant.parse("2026-11-29T06:00:00Z"));
  }

  private static String resource(String name) {
    try (InputStream in = DemoReportInputs.class.getResourceAsStream("/demo-study/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource /demo-study/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
