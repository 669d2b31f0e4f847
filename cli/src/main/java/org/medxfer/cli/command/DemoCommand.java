package org.medxfer.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.KnownDatasets;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.client.StackControl;
import org.medxfer.cli.client.StudyRunner;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medxfer demo}: the whole system end to end on the local stack. Starts the stack (unless
 * one is running), imports BreastMNIST, runs a small study of ImageNet versus random
 * initialisation, prints the comparison, and stops what it started.
 */
@Command(
    name = "demo",
    description = "Run a small real study end to end on the local stack and print the comparison.")
public final class DemoCommand implements Callable<Integer> {

  static final String DATASET_ID = "breastmnist";

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--study-file",
      paramLabel = "FILE",
      description = "Study to run (default: examples/demo-breastmnist.yaml).")
  Path studyFile;

  @Option(names = "--keep-running", description = "Leave the stack running afterwards.")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    Path home = connection.home();
    Path stateDir = connection.stateDir();
    Instant start = Instant.now();
    boolean startedHere = false;
    Thread stopOnInterrupt = new Thread(() -> StackControl.stop(stateDir, line -> {}));
    if (StackControl.isRunning(stateDir)) {
      System.out.println("using the local stack that is already running (" + stateDir + ")");
    } else {
      System.out.println("starting the local stack: Kafka, S3, PostgreSQL and four services");
      Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
      startedHere = true;
      StackControl.start(
          home, stateDir, connection.portBase(), line -> System.out.println("  " + line));
    }
    try (MedxferClients clients = connection.clients()) {
      System.out.println("importing BreastMNIST");
      ImportDatasetResponse imported =
          DatasetsCommand.importFile(
              clients, home.resolve("data/medmnist/breastmnist.npz"), breastMnistHeader());
      System.out.println(DatasetsCommand.describe(imported));

      Path file = studyFile != null ? studyFile : home.resolve("examples/demo-breastmnist.yaml");
      Study study =
          clients
              .studies()
              .createStudy(
                  CreateStudyRequest.newBuilder()
                      .setRequestId(UUID.randomUUID().toString())
                      .setStudyFile(SubmitCommand.readStudyFile(file))
                      .build());
      System.out.printf(
          "submitted %s: %d trials%n", study.getName(), study.getTrialCounts().getTotal());
      int exitCode = new StudyRunner(clients, System.out).watchAndCompare(study.getName());
      System.out.printf(
          Locale.ROOT,
          "demo finished in %.0f s%n",
          Duration.between(start, Instant.now()).toMillis() / 1000.0);
      return exitCode;
    } finally {
      if (startedHere) {
        // The hook only covers an interrupted run; --keep-running must outlive this JVM.
        Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
        if (!keepRunning) {
          System.out.println("stopping the local stack");
          StackControl.stop(stateDir, line -> System.out.println("  " + line));
        }
      }
    }
  }

  private static ImportDatasetRequest breastMnistHeader() {
    KnownDatasets.Known known = KnownDatasets.find(DATASET_ID).orElseThrow();
    return ImportDatasetRequest.newBuilder()
        .setDatasetId(DATASET_ID)
        .setRequestId(UUID.randomUUID().toString())
        .setFormat(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ)
        .setDisplayName(known.displayName())
        .setCard(known.card())
        .build();
  }
}
