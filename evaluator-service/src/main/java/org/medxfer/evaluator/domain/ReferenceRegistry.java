package org.medxfer.evaluator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registered published results, read from tab-separated text: one result per line, columns
 * {@value #HEADER}; blank lines and lines starting with {@code #} are ignored. The evaluator ships
 * one file and users add their own (see the README), so every malformed line is reported with its
 * file, line and column rather than skipped.
 */
public final class ReferenceRegistry {

  /** The columns, in order. */
  public static final String HEADER =
      "dataset\tprotocol\tarchitecture\tresolution\tlabel_fraction\tinit_kind\tmetric\tvalue"
          + "\ttolerance\tsource";

  private static final int COLUMNS = 10;

  private final List<ReferenceResult> results;

  public ReferenceRegistry(List<ReferenceResult> results) {
    this.results = List.copyOf(results);
  }

  /** Every registered result. */
  public List<ReferenceResult> results() {
    return results;
  }

  /** This registry with {@code other}'s results after its own. */
  public ReferenceRegistry with(ReferenceRegistry other) {
    List<ReferenceResult> all = new ArrayList<>(results);
    all.addAll(other.results);
    return new ReferenceRegistry(all);
  }

  /**
   * Parses {@code lines} of the file named {@code file}.
   *
   * @throws IllegalArgumentException naming the file, line and column of the first problem
   */
  public static ReferenceRegistry parse(String file, List<String> lines) {
    List<ReferenceResult> results = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
        continue;
      }
      String where = file + ":" + (i + 1);
      String[] cells = line.split("\t", -1);
      if (cells.length != COLUMNS) {
        throw new IllegalArgumentException(
            "%s: %d tab-separated columns expected (%s), got %d"
                .formatted(where, COLUMNS, HEADER.replace('\t', ','), cells.length));
      }
      results.add(
          new ReferenceResult(
              text(where, "dataset", cells[0]),
              text(where, "protocol", cells[1]),
              text(where, "architecture", cells[2]),
              (int) number(where, "resolution", cells[3], 1, 4096),
              number(where, "label_fraction", cells[4], Double.MIN_VALUE, 1),
              initKind(where, cells[5]),
              metric(where, cells[6]),
              number(where, "value", cells[7], 0, 1),
              number(where, "tolerance", cells[8], 0, 1),
              text(where, "source", cells[9])));
    }
    return new ReferenceRegistry(results);
  }

  /** The checks of every arm (grouped by every factor) that reproduces a registered protocol. */
  public List<ReferenceCheck> check(List<ArmSummary> arms) {
    List<ReferenceCheck> checks = new ArrayList<>();
    for (ReferenceResult reference : results) {
      for (ArmSummary arm : arms) {
        if (reference.matches(arm.arm())) {
          double observed = reference.observed(arm);
          checks.add(new ReferenceCheck(reference, observed, arm.n(), reference.within(observed)));
        }
      }
    }
    return checks;
  }

  private static String text(String where, String column, String cell) {
    String value = cell.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(where + ": column " + column + " is empty");
    }
    return value;
  }

  private static double number(String where, String column, String cell, double min, double max) {
    double value;
    try {
      value = Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "%s: column %s is '%s', not a number".formatted(where, column, cell));
    }
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "%s: column %s is %s, outside [%s, %s]".formatted(where, column, cell, min, max));
    }
    return value;
  }

  private static InitKind initKind(String where, String cell) {
    try {
      InitKind kind = InitKind.valueOf(cell.strip().toUpperCase(Locale.ROOT));
      if (kind != InitKind.UNSPECIFIED) {
        return kind;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "%s: column init_kind is '%s', not one of random, imagenet, mean_var, partial,"
                .formatted(where, cell)
            + " trial_checkpoint");
  }

  private static ReferenceResult.Metric metric(String where, String cell) {
    try {
      return ReferenceResult.Metric.valueOf(cell.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "%s: column metric is '%s', not AUC or ACC".formatted(where, cell));
    }
  }
}
