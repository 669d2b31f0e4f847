package org.medxfer.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code medxfer validate FILE}: checks a study file against the gateway (field paths, data sets
 * that exist, the budget) and expands it, without storing or dispatching anything.
 */
@Command(name = "validate", description = "Check a study file; nothing is stored or run.")
public final class ValidateCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "FILE", description = "The YAML study file.")
  Path file;

  @Override
  public Integer call() throws IOException {
    String studyFile = SubmitCommand.readStudyFile(file);
    try (MedxferClients clients = connection.clients()) {
      Study study = check(clients, studyFile);
      System.out.printf(
          "%s is valid: study '%s' expands into %d trials%n",
          file, study.getDisplayName(), study.getTrialCounts().getTotal());
      if (study.getSkippedCount() > 0) {
        System.out.printf("%d cells cannot run and are skipped:%n", study.getSkippedCount());
        study
            .getSkippedList()
            .forEach(
                cell -> System.out.printf("  %s: %s%n", cell.getDisplayName(), cell.getReason()));
      }
      return 0;
    }
  }

  /**
   * The study the gateway would create from {@code studyFile}: checked and expanded, not stored.
   */
  static Study check(MedxferClients clients, String studyFile) {
    return clients
        .studies()
        .createStudy(
            CreateStudyRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setStudyFile(studyFile)
                .setValidateOnly(true)
                .build());
  }
}
