package org.medxfer.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.client.StudyRunner;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.SkippedTrial;
import org.medxfer.proto.study.v1.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medxfer submit FILE}: creates a study from a study file. */
@Command(name = "submit", description = "Submit a study file; --watch follows its trials.")
public final class SubmitCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "FILE", description = "The YAML study file.")
  Path file;

  @Option(
      names = "--request-id",
      description = "Idempotency key: resubmitting with the same id returns the same study.")
  String requestId;

  @Option(names = "--watch", description = "Follow the study until it ends, then compare its arms.")
  boolean watch;

  @Override
  public Integer call() throws IOException {
    String studyFile = readStudyFile(file);
    try (MedxferClients clients = connection.clients()) {
      Study study =
          clients
              .studies()
              .createStudy(
                  CreateStudyRequest.newBuilder()
                      .setRequestId(requestId != null ? requestId : UUID.randomUUID().toString())
                      .setStudyFile(studyFile)
                      .build());
      System.out.printf(
          "created %s with %d trials%n", study.getName(), study.getTrialCounts().getTotal());
      for (SkippedTrial cell : study.getSkippedList()) {
        System.out.printf("  skipped %s: %s%n", cell.getDisplayName(), cell.getReason());
      }
      if (!watch) {
        return 0;
      }
      return new StudyRunner(clients, System.out).watchAndCompare(study.getName());
    }
  }

  static String readStudyFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("study file " + file + " does not exist");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
