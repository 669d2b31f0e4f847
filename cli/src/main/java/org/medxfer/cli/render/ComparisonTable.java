package org.medxfer.cli.render;

import java.util.List;
import java.util.Locale;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.StudyComparison;

/** Renders a study comparison: one row per arm with test AUC, test ACC and training seconds. */
public final class ComparisonTable {

  private ComparisonTable() {}

  /** The comparison as a text table. */
  public static String render(StudyComparison comparison) {
    TextTable table =
        new TextTable(
            List.of(
                "dataset",
                "architecture",
                "init",
                "adaptation",
                "fraction",
                "res",
                "n",
                "test AUC",
                "test ACC",
                "train s"));
    for (ComparisonRow row : comparison.getRowsList()) {
      table.add(
          List.of(
              row.getDataset(),
              row.getArchitecture(),
              EnumLabels.of(row.getInit().getKind()),
              EnumLabels.of(row.getAdaptation().getKind()),
              row.getLabelFraction() == 0 ? "" : fixed(row.getLabelFraction(), 2),
              row.getResolution() == 0 ? "" : Integer.toString(row.getResolution()),
              Integer.toString(row.getN()),
              withSpread(row.getMeanAuc(), row.getSdAuc(), row.getN()),
              withSpread(row.getMeanAcc(), row.getSdAcc(), row.getN()),
              fixed(row.getMeanTrainingSeconds(), 1)));
    }
    return table.render();
  }

  private static String withSpread(double mean, double sd, int n) {
    return n > 1 ? fixed(mean, 4) + " ± " + fixed(sd, 4) : fixed(mean, 4);
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
