package org.medxfer.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
 * the gateway checks and expands the file (nothing stored), dataset-service gives the split sizes,
 * and the measured throughput table gives images per second per architecture and resolution.
 */
@Command(name = "plan", description = "Predict the CPU hours of a study file; nothing is run.")
public final class PlanCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "FILE", description = "The YAML study file.")
  Path file;

  @Override
  public Integer call() throws IOException {
    String studyFile = SubmitCommand.readStudyFile(file);
    ThroughputTable throughput = ThroughputTable.bundledCpu();
    try (MedxferClients clients = new MedxferClients(connection.endpoints())) {
      Study study = ValidateCommand.check(clients, studyFile);
      StudySpec spec = study.getSpec();
      Set<String> skipped = new HashSet<>();
      for (SkippedTrial cell : study.getSkippedList()) {
        skipped.add(cell.getDisplayName());
      }
      int epochs = spec.getTraining().getEpochs();
      double totalHours = 0;
      int trials = 0;
      Map<String, String> notes = new LinkedHashMap<>();
      System.out.printf(
          "%-16s %-18s %5s %7s %10s %12s%n",
          "dataset", "architecture", "res", "trials", "h/trial", "h (total)");
      for (String datasetEntry : spec.getDatasetsList()) {
        String dataset = datasetEntry.contains("@") ? datasetEntry.split("@")[0] : datasetEntry;
        String version = datasetEntry.contains("@") ? datasetEntry.split("@")[1] : "latest";
        DatasetVersion data =
            clients
                .datasets()
                .getDatasetVersion(
                    GetDatasetVersionRequest.newBuilder()
                        .setName("datasets/" + dataset + "/versions/" + version)
                        .build());
        long train = count(data.getSplitsList(), Split.SPLIT_TRAIN);
        long evaluated =
            count(data.getSplitsList(), Split.SPLIT_VAL) * epochs
                + count(data.getSplitsList(), Split.SPLIT_TEST);
        for (String architecture : spec.getArchitecturesList()) {
          for (int resolution : spec.getResolutionsList()) {
            int cells = cells(spec, dataset, architecture, resolution, skipped);
            if (cells == 0) {
              continue;
            }
            Optional<ThroughputTable.Estimate> estimate =
                throughput.estimate(architecture, resolution);
            if (estimate.isEmpty()) {
              notes.put(architecture, architecture + ": never measured; left out of the total");
              System.out.printf(
                  "%-16s %-18s %5d %7d %10s %12s%n",
                  dataset, architecture, resolution, cells, "?", "?");
              continue;
            }
            ThroughputTable.Estimate speed = estimate.get();
            if (speed.scaled()) {
              notes.put(
                  architecture + "@" + resolution,
                  architecture
                      + " at "
                      + resolution
                      + " px: scaled by pixel count from the measured "
                      + speed.measured().resolution()
                      + " px row");
            }
            double meanFraction =
                spec.getLabelFractionsList().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(1);
            double seconds =
                train * meanFraction * epochs / speed.trainImagesPerSecond()
                    + (speed.inferenceImagesPerSecond() > 0
                        ? evaluated / speed.inferenceImagesPerSecond()
                        : 0);
            double hours = seconds / 3600.0;
            totalHours += hours * cells;
            trials += cells;
            System.out.printf(
                "%-16s %-18s %5d %7d %10.2f %12.2f%n",
                dataset, architecture, resolution, cells, hours, hours * cells);
          }
        }
      }
      System.out.printf(
          "%nstudy '%s': %d trials, %.1f CPU hours at most (%d epochs each; early stopping ends"
              + " sooner), %d cells skipped as unrunnable%n",
          study.getDisplayName(), trials, totalHours, epochs, study.getSkippedCount());
      notes.values().forEach(note -> System.out.println("note: " + note));
      return 0;
    }
  }

  private static long count(List<SplitInfo> splits, Split split) {
    return splits.stream().filter(s -> s.getSplit() == split).mapToLong(SplitInfo::getCount).sum();
  }

  // Cells of one dataset, architecture and resolution that run: the other factors crossed, less
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
