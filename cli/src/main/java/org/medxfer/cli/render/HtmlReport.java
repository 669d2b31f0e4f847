package org.medxfer.cli.render;

import static org.medxfer.cli.render.Svg.escape;
import static org.medxfer.cli.render.Svg.fixed;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.Split;
import org.medxfer.proto.evaluation.v1.AcrossDatasetTest;
import org.medxfer.proto.evaluation.v1.ArmReport;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.Convergence;
import org.medxfer.proto.evaluation.v1.DeLongTest;
import org.medxfer.proto.evaluation.v1.InitComparison;
import org.medxfer.proto.evaluation.v1.MetricWarning;
import org.medxfer.proto.evaluation.v1.ReferenceCheck;
import org.medxfer.proto.evaluation.v1.StudyReport;
import org.medxfer.proto.evaluation.v1.TrialMetrics;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.TrialSpec;

/**
 * A study report as one self-contained HTML file: styles inline, plots as inline SVG, no script and
 * nothing fetched, so it opens offline and can be mailed or archived as it is.
 */
public final class HtmlReport {

  /**
   * What the report shows.
   *
   * @param report the evaluator's report of the study
   * @param trials the metrics of each trial's latest attempt (specs, seeds, predictions keys)
   * @param study the study as the gateway knows it, when it could be read
   * @param datasetVersions the data set versions the trials used, by version name, as the dataset
   *     service describes them; a version missing here is shown as not found
   * @param codeVersion the code version of the command that rendered the report (the trials' own
   *     are in the evaluator's report)
   * @param generatedAt when the report was produced
   */
  public record Inputs(
      StudyReport report,
      List<TrialMetrics> trials,
      Optional<Study> study,
      Map<String, DatasetVersion> datasetVersions,
      String codeVersion,
      Instant generatedAt) {}

  private static final String STYLE =
      """
      body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#111827;padding:0 16px}
      h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
      table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left}
      th{background:#f9fafb}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .muted{color:#6b7280;font-size:13px}.flag{color:#b91c1c;font-weight:bold}.ok{color:#047857}
      .panels{display:flex;flex-wrap:wrap;gap:12px}.plot{background:#fff;border:1px solid #e5e7eb}
      ul.warnings li{margin:2px 0}pre{background:#f9fafb;padding:8px;overflow:auto;font-size:12px}
      """;

  private HtmlReport() {}

  /** The report as HTML. */
  public static String render(Inputs inputs) {
    StudyReport report = inputs.report();
    StringBuilder html = new StringBuilder();
    String title =
        inputs
            .study()
            .map(Study::getDisplayName)
            .filter(s -> !s.isEmpty())
            .orElse(report.getStudy());
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>medxfer report: ")
        .append(escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    html.append("<h1>").append(escape(title)).append("</h1>");
    html.append("<p class=\"muted\">")
        .append(escape(report.getStudy()))
        .append(inputs.study().map(s -> " · state " + EnumLabels.of(s.getState())).orElse(""))
        .append(" · ")
        .append(report.getArmsCount())
        .append(" arms, ")
        .append(inputs.trials().size())
        .append(" trials with metrics · generated ")
        .append(escape(inputs.generatedAt().toString()))
        .append("</p>");

    html.append("<h2 id=\"arms\">Arms</h2>");
    html.append(armsTable(report.getArmsList(), report.getTargetValAuc()));

    html.append("<h2 id=\"forest\">Initialisation against random</h2>");
    if (report.getInitComparisonsCount() == 0) {
      html.append(
          "<p class=\"muted\">No cell has both a random arm and another initialisation with a"
              + " common seed.</p>");
    } else {
      html.append(ReportPlots.forest(report.getInitComparisonsList(), report.getConfidence()));
      html.append(comparisonsTable(report));
    }

    html.append("<h2 id=\"curves\">Learning curves by initialisation</h2>");
    if (report.getLearningCurvesCount() == 0) {
      html.append("<p class=\"muted\">No learning curve was recorded.</p>");
    } else {
      html.append(
          ReportPlots.learningCurves(report.getLearningCurvesList(), report.getTargetValAuc()));
    }

    html.append("<h2 id=\"fractions\">Results by label fraction</h2>");
    html.append(ReportPlots.byLabelFraction(report.getArmsList()));

    html.append("<h2 id=\"across\">Across data sets</h2>");
    html.append(acrossTable(report.getAcrossDatasetsList()));

    html.append("<h2 id=\"references\">Published results</h2>");
    html.append(referencesTable(report.getReferenceChecksList()));

    html.append("<h2 id=\"warnings\">Warnings</h2>");
    html.append(warnings(report.getWarningsList(), CodeVersions.notRecorded(report)));

    html.append("<h2 id=\"provenance\">Provenance</h2>");
    html.append(provenance(inputs));
    return html.append("</body></html>\n").toString();
  }

  private static String armsTable(List<ArmReport> arms, double target) {
    StringBuilder t = new StringBuilder("<table class=\"arms\"><tr>");
    for (String h :
        List.of(
            "data set",
            "architecture",
            "init",
            "adaptation",
            "fraction",
            "res",
            "n",
            "test AUC",
            "test ACC",
            "AUPRC",
            "bal. acc.",
            "F1",
            "ECE",
            "train s",
            "steps to val AUC " + fixed(target, 2),
            "area under val curve",
            "speed-up vs random")) {
      t.append("<th>").append(escape(h)).append("</th>");
    }
    t.append("</tr>");
    for (ArmReport arm : arms) {
      ComparisonRow row = arm.getSummary();
      Convergence conv = arm.getConvergence();
      t.append("<tr>")
          .append(cell(row.getDataset()))
          .append(cell(row.getArchitecture()))
          .append(cell(initLabel(row.getInit().getKind(), row.getInit().getWeights())))
          .append(cell(EnumLabels.of(row.getAdaptation().getKind())))
          .append(number(fixed(row.getLabelFraction(), 2)))
          .append(number(Integer.toString(row.getResolution())))
          .append(number(Integer.toString(row.getN())))
          .append(number(spread(row.getMeanAuc(), row.getSdAuc(), row.getN())))
          .append(number(spread(row.getMeanAcc(), row.getSdAcc(), row.getN())))
          .append(number(fixed(arm.getMeanAuprc(), 4)))
          .append(number(fixed(arm.getMeanBalancedAccuracy(), 4)))
          .append(number(fixed(arm.getMeanF1(), 4)))
          .append(number(fixed(arm.getMeanExpectedCalibrationError(), 4)))
          .append(number(fixed(row.getMeanTrainingSeconds(), 1)))
          .append(number(stepsToTarget(conv)))
          .append(number(conv.getCurves() == 0 ? "–" : fixed(conv.getMeanAreaUnderValCurve(), 4)))
          .append(
              number(
                  conv.getSpeedupOverRandom() == 0
                      ? "–"
                      : fixed(conv.getSpeedupOverRandom(), 2) + "×"))
          .append("</tr>");
    }
    return t.append(
            "</table><p class=\"muted\">Means over seeds (± sample SD when n &gt; 1)."
                + " Steps to target: mean over the trials that reached it, with how many did;"
                + " speed-up: random's mean steps over the arm's, shown only when every trial of both"
                + " arms reached the target.</p>")
        .toString();
  }

  private static String stepsToTarget(Convergence conv) {
    if (conv.getCurves() == 0) {
      return "–";
    }
    String reached = conv.getReached() + "/" + conv.getCurves();
    return conv.getReached() == 0
        ? "not reached (" + reached + ")"
        : fixed(conv.getMeanStepsToTarget(), 0)
            + " ("
            + fixed(conv.getMeanSecondsToTarget(), 1)
            + " s, "
            + reached
            + ")";
  }

  private static String comparisonsTable(StudyReport report) {
    StringBuilder t =
        new StringBuilder(
            "<table class=\"comparisons\"><tr><th>data set</th><th>architecture</th><th>init</th>"
                + "<th>adaptation</th><th>fraction</th><th>res</th><th>seeds</th><th>ΔAUC</th><th>"
                + fixed(report.getConfidence() * 100, 0)
                + "% CI</th><th>DeLong per seed (z, p)</th></tr>");
    for (InitComparison row : report.getInitComparisonsList()) {
      StringBuilder delong = new StringBuilder();
      for (DeLongTest test : row.getDelongList()) {
        delong
            .append(delong.isEmpty() ? "" : "; ")
            .append("seed ")
            .append(test.getSeed())
            .append(": ")
            .append(fixed(test.getAuc(), 4))
            .append(" vs ")
            .append(fixed(test.getRandomAuc(), 4))
            .append(", z ")
            .append(fixed(test.getZ(), 2))
            .append(", p ")
            .append(pValue(test.getPValue()));
      }
      t.append("<tr>")
          .append(cell(row.getDataset()))
          .append(cell(row.getArchitecture()))
          .append(cell(initLabel(row.getInit().getKind(), row.getInit().getWeights())))
          .append(cell(EnumLabels.of(row.getAdaptation().getKind())))
          .append(number(fixed(row.getLabelFraction(), 2)))
          .append(number(Integer.toString(row.getResolution())))
          .append(cell(row.getSeedsList().toString()))
          .append(number(signed(row.getDeltaAuc())))
          .append(number("[" + signed(row.getLower()) + ", " + signed(row.getUpper()) + "]"))
          .append(cell(delong.isEmpty() ? "– (not a binary task)" : delong.toString()))
          .append("</tr>");
    }
    return t.append("</table><p class=\"muted\">Paired bootstrap over test images: ")
        .append(report.getBootstrapResamples())
        .append(" resamples, seed ")
        .append(report.getBootstrapSeed())
        .append(
            "; each resample draws the images once and scores every seed pair on them, so the"
                + " interval is that of the mean ΔAUC over seeds.</p>")
        .toString();
  }

  private static String acrossTable(List<AcrossDatasetTest> tests) {
    if (tests.isEmpty()) {
      return "<p class=\"muted\">Tests across data sets need an initialisation and random run on at"
          + " least 2 data sets with the same architecture and setting (Friedman: 3 or more"
          + " initialisations); this study has none.</p>";
    }
    StringBuilder t =
        new StringBuilder(
            "<table><tr><th>test</th><th>what</th><th>data sets</th><th>statistic</th><th>p</th>"
                + "<th>p (Holm)</th></tr>");
    for (AcrossDatasetTest test : tests) {
      t.append("<tr>")
          .append(cell(test.getTest()))
          .append(cell(test.getDescription()))
          .append(number(Integer.toString(test.getDatasets())))
          .append(number(fixed(test.getStatistic(), 3)))
          .append(number(pValue(test.getPValue())))
          .append(number(pValue(test.getAdjustedPValue())))
          .append("</tr>");
    }
    return t.append("</table>").toString();
  }

  private static String referencesTable(List<ReferenceCheck> checks) {
    if (checks.isEmpty()) {
      return "<p class=\"muted\">No arm reproduces a registered protocol (the registry holds"
          + " MedMNIST v2's ResNet results: random initialisation, full labels, 28 or 224 px).</p>";
    }
    StringBuilder t =
        new StringBuilder(
            "<table><tr><th>data set</th><th>protocol</th><th>architecture</th><th>metric</th>"
                + "<th>published</th><th>tolerance</th><th>this study</th><th>n</th><th></th>"
                + "<th>source</th></tr>");
    for (ReferenceCheck check : checks) {
      t.append("<tr>")
          .append(cell(check.getReference().getDataset()))
          .append(cell(check.getReference().getProtocol()))
          .append(cell(check.getReference().getArchitecture()))
          .append(cell(check.getReference().getMetric()))
          .append(number(fixed(check.getReference().getValue(), 3)))
          .append(number("± " + fixed(check.getReference().getTolerance(), 3)))
          .append(number(fixed(check.getObserved(), 4)))
          .append(number(Integer.toString(check.getN())))
          .append(
              check.getWithinTolerance()
                  ? "<td class=\"ok\">reproduced</td>"
                  : "<td class=\"flag\">outside tolerance</td>")
          .append(cell(check.getReference().getSource()))
          .append("</tr>");
    }
    return t.append("</table>").toString();
  }

  private static String warnings(List<MetricWarning> warnings, int notRecorded) {
    if (warnings.isEmpty() && notRecorded == 0) {
      return "<p class=\"muted\">None: no trial's ACC was at the majority-class baseline, no"
          + " class was almost never recalled under a good AUC, and no trial was trained by other"
          + " code than the rest.</p>";
    }
    StringBuilder list = new StringBuilder("<ul class=\"warnings\">");
    for (MetricWarning warning : warnings) {
      list.append("<li><span class=\"flag\">")
          .append(escape(EnumLabels.of(warning.getKind())))
          .append("</span> ")
          // A warning about the whole study names no trial.
          .append(escape(warning.getTrial().isEmpty() ? "study" : warning.getTrial()))
          .append(": ")
          .append(escape(warning.getMessage()))
          .append("</li>");
    }
    if (notRecorded > 0) {
      list.append("<li><span class=\"flag\">code version not recorded</span> study: ")
          .append(notRecorded)
          .append(notRecorded == 1 ? " trial does" : " trials do")
          .append(
              " not say which code trained them (trained before trials recorded it); see"
                  + " Provenance.</li>");
    }
    return list.append("</ul>").toString();
  }

  /** Which code trained the trials and which rendered the report. */
  private static String codeVersions(Inputs inputs) {
    StudyReport report = inputs.report();
    StringBuilder p = new StringBuilder("<p>Trained by:</p>");
    if (report.getCodeVersionsCount() == 0) {
      p.append("<p class=\"muted\">No trial with metrics, or an evaluator that does not report")
          .append(" code versions.</p>");
    } else {
      p.append("<table class=\"code-versions\"><tr><th>code version</th><th>trials</th></tr>");
      for (CodeVersionCount count : report.getCodeVersionsList()) {
        p.append("<tr>")
            .append(
                count.getCodeVersion().isEmpty()
                    ? "<td class=\"flag\">" + CodeVersions.label(count) + "</td>"
                    : "<td><code>" + escape(count.getCodeVersion()) + "</code></td>")
            .append(number(Integer.toString(count.getTrials())))
            .append("</tr>");
      }
      p.append("</table>");
      CodeVersions.caution(report)
          .ifPresent(
              caution ->
                  p.append("<p class=\"flag\">Caution: ").append(escape(caution)).append(".</p>"));
    }
    p.append("<p>Rendered by: <code>")
        .append(escape(inputs.codeVersion()))
        .append("</code> (the command that wrote this report).</p>");
    return p.toString();
  }

  private static String provenance(Inputs inputs) {
    StringBuilder p = new StringBuilder(codeVersions(inputs));

    TreeSet<String> versions = new TreeSet<>();
    Map<String, TreeSet<Long>> seeds = new TreeMap<>();
    Map<String, String> weights = new TreeMap<>();
    for (TrialMetrics trial : inputs.trials()) {
      TrialSpec spec = trial.getSpec();
      versions.add(spec.getDatasetVersion());
      seeds.computeIfAbsent(spec.getDataset(), k -> new TreeSet<>()).add(spec.getSeed());
      if (spec.getInit().getKind() != InitKind.INIT_KIND_RANDOM) {
        String name =
            spec.getInit().getWeights().isEmpty()
                ? spec.getArchitecture() + "_imagenet"
                : spec.getInit().getWeights();
        weights.put(name, spec.getArchitecture());
      }
    }
    p.append("<table class=\"datasets\"><tr><th>data set version</th><th>content sha256</th>")
        .append("<th>modality</th><th>licence</th><th>source</th><th>test images</th></tr>");
    for (String version : versions) {
      DatasetVersion described = inputs.datasetVersions().get(version);
      p.append("<tr>").append(cell(version));
      if (described == null) {
        p.append("<td colspan=\"5\" class=\"flag\">not found in the dataset service</td>");
      } else {
        long test =
            described.getSplitsList().stream()
                .filter(s -> s.getSplit() == Split.SPLIT_TEST)
                .mapToLong(s -> s.getCount())
                .sum();
        p.append("<td><code>")
            .append(escape(described.getContentHash()))
            .append("</code></td>")
            .append(cell(described.getCard().getModality()))
            .append(cell(described.getCard().getLicense()))
            .append(cell(described.getCard().getSource()))
            .append(number(Long.toString(test)));
      }
      p.append("</tr>");
    }
    p.append("</table>");

    p.append("<table class=\"weights\"><tr><th>weights</th><th>architecture</th><th>sha256</th>")
        .append("<th>source</th><th>licence</th></tr>");
    if (weights.isEmpty()) {
      p.append("<tr><td colspan=\"5\">none: every trial starts from random weights</td></tr>");
    }
    weights.forEach(
        (name, architecture) -> {
          Optional<KnownWeights.Weights> known = KnownWeights.find(name);
          p.append("<tr>").append(cell(name)).append(cell(architecture));
          if (known.isPresent()) {
            p.append("<td><code>")
                .append(escape(known.get().sha256()))
                .append("</code></td>")
                .append(cell(known.get().source()))
                .append(cell(known.get().licence()));
          } else {
            p.append("<td colspan=\"3\" class=\"flag\">unknown weights</td>");
          }
          p.append("</tr>");
        });
    p.append("</table>");

    p.append("<p>Seeds: ");
    seeds.forEach(
        (dataset, list) ->
            p.append(escape(dataset)).append(" ").append(escape(list.toString())).append(" "));
    p.append("· bootstrap seed ").append(inputs.report().getBootstrapSeed()).append(".</p>");

    p.append("<details><summary>Trials (")
        .append(inputs.trials().size())
        .append(")</summary><table><tr><th>trial</th><th>attempt</th><th>seed</th>")
        .append("<th>test AUC</th><th>test ACC</th><th>predictions</th></tr>");
    for (TrialMetrics trial : inputs.trials()) {
      p.append("<tr>")
          .append(cell(trial.getTrial()))
          .append(number(Integer.toString(trial.getAttempt())))
          .append(number(Long.toString(trial.getSpec().getSeed())))
          .append(number(fixed(trial.getTestAuc(), 4)))
          .append(number(fixed(trial.getTestAcc(), 4)))
          .append(cell(trial.getPredictionsKey()))
          .append("</tr>");
    }
    p.append("</table></details>");
    inputs
        .study()
        .filter(s -> !s.getStudyFile().isEmpty())
        .ifPresent(
            s ->
                p.append("<details><summary>Study file</summary><pre>")
                    .append(escape(s.getStudyFile()))
                    .append("</pre></details>"));
    return p.toString();
  }

  private static String initLabel(InitKind kind, String weights) {
    String label = EnumLabels.of(kind);
    return weights.isEmpty() ? label : label + " (" + weights + ")";
  }

  private static String spread(double mean, double sd, int n) {
    return n > 1 ? fixed(mean, 4) + " ± " + fixed(sd, 4) : fixed(mean, 4);
  }

  private static String signed(double value) {
    return (value >= 0 ? "+" : "") + fixed(value, 4);
  }

  private static String pValue(double p) {
    return p < 1e-4 ? "< 0.0001" : fixed(p, 4);
  }

  private static String cell(String text) {
    return "<td>" + escape(text) + "</td>";
  }

  private static String number(String text) {
    return "<td class=\"n\">" + escape(text) + "</td>";
  }
}
