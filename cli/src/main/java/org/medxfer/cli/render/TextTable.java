package org.medxfer.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain fixed-width table for terminals and logs; columns of numbers are right-aligned, the rest
 * left-aligned.
 */
public final class TextTable {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  /** Adds a row; it must have one cell per header. */
  public TextTable add(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.size() + " cells, table has " + headers.size() + " columns");
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** The table, one line per row, with a header rule. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    boolean[] numeric = new boolean[headers.size()];
    for (int c = 0; c < numeric.length; c++) {
      final int column = c;
      numeric[c] = !rows.isEmpty() && rows.stream().allMatch(row -> isNumeric(row.get(column)));
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, headers, widths, numeric);
    for (int c = 0; c < widths.length; c++) {
      out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.append('\n');
    for (List<String> row : rows) {
      appendLine(out, row, widths, numeric);
    }
    return out.toString();
  }

  private static void appendLine(
      StringBuilder out, List<String> cells, int[] widths, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String padding = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : "  ");
      line.append(rightAligned[c] ? padding + cell : cell + padding);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static boolean isNumeric(String cell) {
    return !cell.isEmpty()
        && cell.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == '-');
  }
}
