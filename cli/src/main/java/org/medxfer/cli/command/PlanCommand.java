package org.medxfer.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.common.models.ThroughputTable;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.dataset.v1.Split;
import org.medxfer.proto.dataset.v1.SplitInfo;
import org.medxfer.proto.study.v1.SkippedTrial;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code medxfer plan FILE}: predicted CPU hours per trial and for the study, before anything runs:
 * the gateway checks and expands the file (nothing stored) and gives the data sets' split sizes,
 * and the measured throughput table gives images per second per architecture and resolution.
 */
@Command(name = "plan", description = "Predict the CPU hours of a study file; nothing is run.")
public final class PlanCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "FILE", description = "The YAML study file.")
  Path file;

  /** Images a trial reads from each split. */
  record SplitSizes(long train, long val, long test) {}

  /**
   * The trials of one data set, architecture and resolution.
   *
   * @param hoursPerTrial predicted CPU hours of one trial; NaN when the architecture was never
   *     measured
   * @param note how the figure was obtained when not measured as is; empty otherwise
   */
  record Row(
      String dataset,
      String architecture,
      int resolution,
      int trials,
      double hoursPerTrial,
      String note) {}

  @Override
  public Integer call() throws IOException {
    String studyFile = SubmitCommand.readStudyFile(file);
    try (MedxferClients clients = connection.clients()) {
      Study study = ValidateCommand.check(clients, studyFile);
      Map<String, SplitSizes> sizes = new LinkedHashMap<>();
      for (String entry : study.getSpec().getDatasetsList()) {
        DatasetVersion data =
            clients
                .datasets()
                .getDatasetVersion(
                    GetDatasetVersionRequest.newBuilder()
                        .setName("datasets/" + datasetId(entry) + "/versions/" + version(entry))
                        .build());
        sizes.put(
            datasetId(entry),
            new SplitSizes(
                count(data.getSplitsList(), Split.SPLIT_TRAIN),
                count(data.getSplitsList(), Split.SPLIT_VAL),
                count(data.getSplitsList(), Split.SPLIT_TEST)));
      }
      System.out.print(render(study, rows(study, sizes, ThroughputTable.bundledCpu())));
      return 0;
    }
  }

  /**
   * One row per data set, architecture and resolution that has trials: train images × mean label
   * fraction × epochs at the training speed, plus validation every epoch and the test split at the
   * inference speed. An upper bound: early stopping ends trials sooner.
   */
  static List<Row> rows(Study study, Map<String, SplitSizes> sizes, ThroughputTable throughput) {
    StudySpec spec = study.getSpec();
    Set<String> skipped = new HashSet<>();
    for (SkippedTrial cell : study.getSkippedList()) {
      skipped.add(cell.getDisplayName());
    }
    int epochs = spec.getTraining().getEpochs();
    double meanFraction =
        spec.getLabelFractionsList().stream().mapToDouble(Double::doubleValue).average().orElse(1);
    List<Row> rows = new ArrayList<>();
    for (String entry : spec.getDatasetsList()) {
      String dataset = datasetId(entry);
      SplitSizes size = sizes.get(dataset);
      for (String architecture : spec.getArchitecturesList()) {
        for (int resolution : spec.getResolutionsList()) {
          int trials = cells(spec, dataset, architecture, resolution, skipped);
          if (trials == 0) {
            continue;
          }
          Optional<ThroughputTable.Estimate> estimate =
              throughput.estimate(architecture, resolution);
          if (estimate.isEmpty()) {
            rows.add(
                new Row(
                    dataset,
                    architecture,
                    resolution,
                    trials,
                    Double.NaN,
                    architecture + " was never measured; left out of the total"));
            continue;
          }
          ThroughputTable.Estimate speed = estimate.get();
          double seconds = size.train() * meanFraction * epochs / speed.trainImagesPerSecond();
          if (speed.inferenceImagesPerSecond() > 0) {
            seconds += (size.val() * epochs + size.test()) / speed.inferenceImagesPerSecond();
          }
          String note =
              speed.scaled()
                  ? "scaled by pixel count from the measured "
                      + speed.measured().resolution()
                      + " px row"
                  : "";
          rows.add(new Row(dataset, architecture, resolution, trials, seconds / 3600.0, note));
        }
      }
    }
    return rows;
  }

  static String render(Study study, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-16s %-18s %5s %7s %10s %12s%n",
            "dataset",
            "architecture",
            "res",
            "trials",
            "h/trial",
            "h (total)"));
    double total = 0;
    int trials = 0;
    List<String> notes = new ArrayList<>();
    for (Row row : rows) {
      boolean known = !Double.isNaN(row.hoursPerTrial());
      out.append(
          String.format(
              Locale.ROOT,
              "%-16s %-18s %5d %7d %10s %12s%n",
              row.dataset(),
              row.architecture(),
              row.resolution(),
              row.trials(),
              known ? String.format(Locale.ROOT, "%.2f", row.hoursPerTrial()) : "?",
              known
                  ? String.format(Locale.ROOT, "%.2f", row.hoursPerTrial() * row.trials())
                  : "?"));
      if (known) {
        total += row.hoursPerTrial() * row.trials();
        trials += row.trials();
      }
      if (!row.note().isEmpty()) {
        String note = row.architecture() + " at " + row.resolution() + " px: " + row.note();
        if (!notes.contains(note)) {
          notes.add(note);
        }
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nstudy '%s': %.1f CPU hours for %d trials at most (%d epochs each; early stopping"
                + " ends sooner); %d cells skipped as unrunnable%n",
            study.getDisplayName(),
            total,
            trials,
            study.getSpec().getTraining().getEpochs(),
            study.getSkippedCount()));
    notes.forEach(note -> out.append("note: ").append(note).append('\n'));
    return out.toString();
  }

  private static String datasetId(String entry) {
    int at = entry.indexOf('@');
    return at < 0 ? entry : entry.substring(0, at);
  }

  private static String version(String entry) {
    int at = entry.indexOf('@');
    return at < 0 ? "latest" : entry.substring(at + 1);
  }

  private static long count(List<SplitInfo> splits, Split split) {
    return splits.stream().filter(s -> s.getSplit() == split).mapToLong(SplitInfo::getCount).sum();
  }

  // Cells of one data set, architecture and resolution that run: the other factors crossed, less
  // the skipped ones (display name dataset/architecture/init/adaptation/fraction/rRES/seed).
  private static int cells(
      StudySpec spec, String dataset, String architecture, int resolution, Set<String> skipped) {
    int all =
        spec.getInitsCount()
            * Math.max(1, spec.getAdaptationsCount())
            * Math.max(1, spec.getLabelFractionsCount())
            * Math.max(1, spec.getSeedsCount());
    String prefix = dataset + "/" + architecture + "/";
    String resolutionPart = "/r" + resolution + "/";
    long left =
        skipped.stream()
            .filter(name -> name.startsWith(prefix) && name.contains(resolutionPart))
            .count();
    return (int) (all - left);
  }
}
