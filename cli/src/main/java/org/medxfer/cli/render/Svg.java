package org.medxfer.cli.render;

import java.util.Locale;

/** Small helpers for writing inline SVG and HTML text by hand, so the report needs no library. */
final class Svg {

  private Svg() {}

  /** {@code text} safe inside HTML/SVG text and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A coordinate with one decimal, locale-independent. */
  static String c(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** {@code value} with {@code decimals} decimals, locale-independent. */
  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /**
   * A step between ticks that gives about {@code ticks} ticks over {@code span}: 1, 2 or 5 × 10^k.
   */
  static double niceStep(double span, int ticks) {
    double raw = span / Math.max(1, ticks);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double normalised = raw / magnitude;
    double step = normalised < 1.5 ? 1 : normalised < 3.5 ? 2 : normalised < 7.5 ? 5 : 10;
    return step * magnitude;
  }

  /** The colour of an initialisation kind's label in every plot, so a reader learns it once. */
  static String colour(String initLabel) {
    return switch (initLabel) {
      case "random" -> "#6b7280";
      case "imagenet" -> "#2563eb";
      case "mean_var" -> "#d97706";
      case "partial" -> "#059669";
      case "trial_checkpoint" -> "#9333ea";
      default -> "#111827";
    };
  }
}
