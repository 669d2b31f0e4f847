package org.medxfer.cli.render;

import static org.medxfer.cli.render.Svg.c;
import static org.medxfer.cli.render.Svg.colour;
import static org.medxfer.cli.render.Svg.escape;
import static org.medxfer.cli.render.Svg.fixed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import org.medxfer.proto.evaluation.v1.ArmReport;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.CurvePoint;
import org.medxfer.proto.evaluation.v1.InitComparison;
import org.medxfer.proto.evaluation.v1.LearningCurve;
import org.medxfer.proto.trial.v1.TrialSpec;

/** The report's plots as inline SVG: forest plot, learning curves, results by label fraction. */
final class ReportPlots {

  private static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

  private ReportPlots() {}

  /**
   * ΔAUC (initialisation − random) with its bootstrap interval, one row per comparison (data set,
   * architecture, initialisation and the rest of the cell), with the line of no difference.
   */
  static String forest(List<InitComparison> comparisons, double confidence) {
    int rowHeight = 26;
    int labelWidth = 500;
    int plotWidth = 420;
    int top = 30;
    int height = top + rowHeight * comparisons.size() + 40;
    double min = 0;
    double max = 0;
    for (InitComparison row : comparisons) {
      min = Math.min(min, row.getLower());
      max = Math.max(max, row.getUpper());
    }
    double pad = Math.max(0.02, (max - min) * 0.08);
    min -= pad;
    max += pad;
    double lo = min;
    double span = max - min;
    DoubleUnaryOperator x = v -> labelWidth + (v - lo) / span * plotWidth;
    StringBuilder svg = new StringBuilder();
    svg.append(
        "<svg class=\"plot forest\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"forest plot of delta AUC\">"
            .formatted(labelWidth + plotWidth + 20, height, labelWidth + plotWidth + 20, height));
    svg.append(
        "<text x=\"%s\" y=\"16\" %s font-weight=\"bold\">ΔAUC = AUC(init) − AUC(random), %s%% paired bootstrap interval</text>"
            .formatted(c(labelWidth), FONT, fixed(confidence * 100, 0)));
    double step = Svg.niceStep(span, 6);
    int axisY = top + rowHeight * comparisons.size() + 6;
    for (double t = Math.ceil(min / step) * step; t <= max + 1e-12; t += step) {
      svg.append(
          "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#e5e7eb\"/>"
              .formatted(c(x.applyAsDouble(t)), top - 4, c(x.applyAsDouble(t)), axisY));
      svg.append(
          "<text x=\"%s\" y=\"%d\" %s text-anchor=\"middle\">%s</text>"
              .formatted(c(x.applyAsDouble(t)), axisY + 16, FONT, fixed(t, 2)));
    }
    svg.append(
        "<line class=\"zero\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#111827\" stroke-dasharray=\"4 3\"/>"
            .formatted(c(x.applyAsDouble(0)), top - 4, c(x.applyAsDouble(0)), axisY));
    for (int i = 0; i < comparisons.size(); i++) {
      InitComparison row = comparisons.get(i);
      double y = top + rowHeight * i + rowHeight / 2.0;
      String init = EnumLabels.of(row.getInit().getKind());
      String label =
          "%s · %s · %s (%s, frac %s, %d px, %d seed%s)"
              .formatted(
                  row.getDataset(),
                  row.getArchitecture(),
                  init,
                  EnumLabels.of(row.getAdaptation().getKind()),
                  fixed(row.getLabelFraction(), 2),
                  row.getResolution(),
                  row.getSeedsCount(),
                  row.getSeedsCount() == 1 ? "" : "s");
      svg.append(
          "<text x=\"4\" y=\"%s\" %s dominant-baseline=\"middle\">%s</text>"
              .formatted(c(y), FONT, escape(label)));
      svg.append(
          "<line class=\"ci\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>"
              .formatted(
                  c(x.applyAsDouble(row.getLower())),
                  c(y),
                  c(x.applyAsDouble(row.getUpper())),
                  c(y),
                  colour(init)));
      svg.append(
          "<rect class=\"estimate\" x=\"%s\" y=\"%s\" width=\"8\" height=\"8\" fill=\"%s\"><title>ΔAUC %s [%s, %s]</title></rect>"
              .formatted(
                  c(x.applyAsDouble(row.getDeltaAuc()) - 4),
                  c(y - 4),
                  colour(init),
                  fixed(row.getDeltaAuc(), 4),
                  fixed(row.getLower(), 4),
                  fixed(row.getUpper(), 4)));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Validation AUC by epoch, one panel per cell (data set, architecture, adaptation, label
   * fraction, resolution), one line per trial coloured by initialisation, with the target line.
   */
  static String learningCurves(List<LearningCurve> curves, double target) {
    Map<String, List<LearningCurve>> panels = new TreeMap<>();
    for (LearningCurve curve : curves) {
      TrialSpec spec = curve.getSpec();
      String cell =
          "%s · %s · %s · frac %s · %d px"
              .formatted(
                  spec.getDataset(),
                  spec.getArchitecture(),
                  EnumLabels.of(spec.getAdaptation().getKind()),
                  fixed(spec.getLabelFraction(), 2),
                  spec.getResolution());
      panels.computeIfAbsent(cell, k -> new ArrayList<>()).add(curve);
    }
    StringBuilder out = new StringBuilder("<div class=\"panels\">");
    panels.forEach((cell, members) -> out.append(curvePanel(cell, members, target)));
    return out.append("</div>").toString();
  }

  private static String curvePanel(String cell, List<LearningCurve> curves, double target) {
    int width = 420;
    int height = 260;
    int left = 44;
    int right = 12;
    int top = 28;
    int bottom = 36;
    int epochs = 1;
    double minAuc = target;
    for (LearningCurve curve : curves) {
      epochs = Math.max(epochs, curve.getTotalEpochs());
      for (CurvePoint point : curve.getPointsList()) {
        epochs = Math.max(epochs, point.getEpoch());
        minAuc = Math.min(minAuc, point.getValAuc());
      }
    }
    double yMin = Math.max(0, Math.floor(minAuc * 10) / 10 - 0.05);
    double yMax = 1;
    int maxEpoch = epochs;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    DoubleUnaryOperator x =
        e -> left + (maxEpoch == 1 ? plotW / 2 : (e - 1) / (maxEpoch - 1.0) * plotW);
    DoubleUnaryOperator y = v -> top + (yMax - v) / (yMax - yMin) * plotH;
    StringBuilder svg = new StringBuilder();
    svg.append(
        "<svg class=\"plot curves\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"learning curves\">"
            .formatted(width, height, width, height));
    svg.append(
        "<text x=\"%d\" y=\"16\" %s font-weight=\"bold\">%s</text>"
            .formatted(left, FONT, escape(cell)));
    yGrid(svg, yMin, yMax, left, plotW, y);
    double xStep = Math.max(1, Svg.niceStep(maxEpoch, 5));
    for (double e = 1; e <= maxEpoch; e += xStep) {
      svg.append(
          "<text x=\"%s\" y=\"%d\" %s text-anchor=\"middle\">%d</text>"
              .formatted(c(x.applyAsDouble(e)), height - bottom + 16, FONT, (int) e));
    }
    svg.append(
        "<text x=\"%s\" y=\"%d\" %s text-anchor=\"middle\">epoch (validation AUC)</text>"
            .formatted(c(left + plotW / 2), height - 4, FONT));
    svg.append(
        "<line class=\"target\" x1=\"%d\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#dc2626\" stroke-dasharray=\"5 4\"><title>target %s</title></line>"
            .formatted(
                left,
                c(y.applyAsDouble(target)),
                c(left + plotW),
                c(y.applyAsDouble(target)),
                fixed(target, 2)));
    TreeSet<String> inits = new TreeSet<>();
    for (LearningCurve curve : curves) {
      String init = EnumLabels.of(curve.getSpec().getInit().getKind());
      inits.add(init);
      StringBuilder points = new StringBuilder();
      for (CurvePoint point : curve.getPointsList()) {
        points
            .append(c(x.applyAsDouble(point.getEpoch())))
            .append(',')
            .append(c(y.applyAsDouble(point.getValAuc())))
            .append(' ');
      }
      svg.append(
          "<polyline class=\"curve\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s, seed %d</title></polyline>"
              .formatted(
                  colour(init),
                  points.toString().strip(),
                  escape(curve.getTrial()),
                  curve.getSpec().getSeed()));
    }
    legend(svg, inits, left + plotW - 110, top + 8);
    return svg.append("</svg>").toString();
  }

  /**
   * Mean test AUC (± SD over seeds) by label fraction, one panel per data set and architecture, one
   * series per initialisation: how the benefit of an initialisation changes with data size.
   */
  static String byLabelFraction(List<ArmReport> arms) {
    Map<String, Map<String, List<ComparisonRow>>> panels = new TreeMap<>();
    for (ArmReport arm : arms) {
      ComparisonRow row = arm.getSummary();
      String panel =
          "%s · %s · %s · %d px"
              .formatted(
                  row.getDataset(),
                  row.getArchitecture(),
                  EnumLabels.of(row.getAdaptation().getKind()),
                  row.getResolution());
      panels
          .computeIfAbsent(panel, k -> new LinkedHashMap<>())
          .computeIfAbsent(EnumLabels.of(row.getInit().getKind()), k -> new ArrayList<>())
          .add(row);
    }
    StringBuilder out = new StringBuilder("<div class=\"panels\">");
    panels.forEach((panel, series) -> out.append(fractionPanel(panel, series)));
    return out.append("</div>").toString();
  }

  private static String fractionPanel(String panel, Map<String, List<ComparisonRow>> series) {
    int width = 420;
    int height = 240;
    int left = 44;
    int top = 28;
    int bottom = 36;
    double plotW = width - left - 12;
    double plotH = height - top - bottom;
    TreeSet<Double> fractions = new TreeSet<>();
    double minAuc = 1;
    for (List<ComparisonRow> rows : series.values()) {
      for (ComparisonRow row : rows) {
        fractions.add(row.getLabelFraction());
        minAuc = Math.min(minAuc, row.getMeanAuc() - row.getSdAuc());
      }
    }
    List<Double> xs = new ArrayList<>(fractions);
    double yMin = Math.max(0, Math.floor(minAuc * 10) / 10 - 0.05);
    DoubleUnaryOperator y = v -> top + (1 - v) / (1 - yMin) * plotH;
    // Label fractions are placed evenly in order (they are usually a geometric ladder).
    IntToDoubleFunction x =
        i -> left + (xs.size() == 1 ? plotW / 2 : (i + 0.5) / xs.size() * plotW);
    StringBuilder svg = new StringBuilder();
    svg.append(
        "<svg class=\"plot fractions\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"test AUC by label fraction\">"
            .formatted(width, height, width, height));
    svg.append(
        "<text x=\"%d\" y=\"16\" %s font-weight=\"bold\">%s</text>"
            .formatted(left, FONT, escape(panel)));
    yGrid(svg, yMin, 1, left, plotW, y);
    for (int i = 0; i < xs.size(); i++) {
      svg.append(
          "<text x=\"%s\" y=\"%d\" %s text-anchor=\"middle\">%s</text>"
              .formatted(c(x.applyAsDouble(i)), height - bottom + 16, FONT, fixed(xs.get(i), 2)));
    }
    svg.append(
        "<text x=\"%s\" y=\"%d\" %s text-anchor=\"middle\">label fraction (test AUC, mean ± SD)</text>"
            .formatted(c(left + plotW / 2), height - 4, FONT));
    int s = 0;
    for (Map.Entry<String, List<ComparisonRow>> entry : series.entrySet()) {
      String init = entry.getKey();
      // Series side by side around each fraction, so that error bars do not overlap.
      double offset = (s - (series.size() - 1) / 2.0) * 10;
      StringBuilder line = new StringBuilder();
      List<ComparisonRow> rows = new ArrayList<>(entry.getValue());
      rows.sort(Comparator.comparingDouble(ComparisonRow::getLabelFraction));
      for (ComparisonRow row : rows) {
        double px = x.applyAsDouble(xs.indexOf(row.getLabelFraction())) + offset;
        double py = y.applyAsDouble(row.getMeanAuc());
        line.append(c(px)).append(',').append(c(py)).append(' ');
        svg.append(
            "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"/>"
                .formatted(
                    c(px),
                    c(y.applyAsDouble(Math.min(1, row.getMeanAuc() + row.getSdAuc()))),
                    c(px),
                    c(y.applyAsDouble(row.getMeanAuc() - row.getSdAuc())),
                    colour(init)));
        svg.append(
            "<circle class=\"arm\" cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\"><title>%s: AUC %s ± %s (n=%d)</title></circle>"
                .formatted(
                    c(px),
                    c(py),
                    colour(init),
                    escape(init),
                    fixed(row.getMeanAuc(), 4),
                    fixed(row.getSdAuc(), 4),
                    row.getN()));
      }
      svg.append(
          "<polyline fill=\"none\" stroke=\"%s\" points=\"%s\"/>"
              .formatted(colour(init), line.toString().strip()));
      s++;
    }
    legend(svg, series.keySet(), left + plotW - 110, top + 8);
    return svg.append("</svg>").toString();
  }

  /** Horizontal grid lines with their labels from {@code yMin} to {@code yMax}. */
  private static void yGrid(
      StringBuilder svg, double yMin, double yMax, int left, double plotW, DoubleUnaryOperator y) {
    double step = Svg.niceStep(yMax - yMin, 5);
    for (double t = Math.ceil(yMin / step) * step; t <= yMax + 1e-12; t += step) {
      svg.append(
          "<line x1=\"%d\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#e5e7eb\"/><text x=\"%d\" y=\"%s\" %s text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>"
              .formatted(
                  left,
                  c(y.applyAsDouble(t)),
                  c(left + plotW),
                  c(y.applyAsDouble(t)),
                  left - 4,
                  c(y.applyAsDouble(t)),
                  FONT,
                  fixed(t, 2)));
    }
  }

  /** One coloured square and label per initialisation, stacked from ({@code x}, {@code y}). */
  private static void legend(StringBuilder svg, Collection<String> inits, double x, int y) {
    int row = y;
    for (String init : inits) {
      svg.append(
          "<rect x=\"%s\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%s\" y=\"%d\" %s>%s</text>"
              .formatted(c(x), row, colour(init), c(x + 15), row + 9, FONT, escape(init)));
      row += 16;
    }
  }
}
