package org.medxfer.cli.command;

import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.client.StudyRunner;
import org.medxfer.proto.study.v1.RerunStudyRequest;
import org.medxfer.proto.study.v1.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medxfer rerun STUDY}: runs the failed and cancelled trials of a study again. */
@Command(
    name = "rerun",
    description = "Run a study's failed and cancelled trials again; the others keep their results.")
public final class RerunCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "STUDY", description = "The study id or studies/{id}.")
  String study;

  @Option(names = "--watch", description = "Follow the study until it ends, then compare its arms.")
  boolean watch;

  @Override
  public Integer call() {
    String name = study.startsWith("studies/") ? study : "studies/" + study;
    try (MedxferClients clients = connection.clients()) {
      Study rerun =
          clients.studies().rerunStudy(RerunStudyRequest.newBuilder().setName(name).build());
      System.out.printf(
          "%s: %d trials queued again, %d kept their results%n",
          rerun.getName(),
          rerun.getTrialCounts().getQueued(),
          rerun.getTrialCounts().getSucceeded());
      return watch ? new StudyRunner(clients, System.out).watchAndCompare(rerun.getName()) : 0;
    }
  }
}
