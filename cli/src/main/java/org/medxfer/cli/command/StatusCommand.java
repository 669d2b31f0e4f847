package org.medxfer.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.render.EnumLabels;
import org.medxfer.cli.render.StudyProgressPrinter;
import org.medxfer.cli.render.TextTable;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.ListTrialsRequest;
import org.medxfer.proto.study.v1.ListTrialsResponse;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code medxfer status STUDY}: the study's state, a progress bar with done, running, failed and
 * the ETA, and one line per trial with its epochs as a bar.
 */
@Command(name = "status", description = "Show a study's state and its trials.")
public final class StatusCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "STUDY", description = "studies/{study} or the study id.")
  String study;

  @Override
  public Integer call() {
    String name = CompareCommand.studyName(study);
    try (MedxferClients clients = connection.clients()) {
      Study found = clients.studies().getStudy(GetStudyRequest.newBuilder().setName(name).build());
      List<Trial> trials = listTrials(clients, name);
      System.out.println(summary(found));
      System.out.println(StudyProgressPrinter.summary(found, trials));
      System.out.print(table(trials));
      return 0;
    }
  }

  static String summary(Study study) {
    TrialCounts counts = study.getTrialCounts();
    return String.format(
        Locale.ROOT,
        "%s (%s): %s; %d trials: %d succeeded, %d running, %d queued, %d failed, %d cancelled",
        study.getName(),
        study.getDisplayName(),
        EnumLabels.of(study.getState()),
        counts.getTotal(),
        counts.getSucceeded(),
        counts.getRunning(),
        counts.getQueued(),
        counts.getFailed(),
        counts.getCancelled());
  }

  static String table(List<Trial> trials) {
    TextTable table =
        new TextTable(
            List.of("trial", "state", "attempt", "epochs", "val AUC", "train s", "error"));
    for (Trial trial : trials) {
      boolean started = trial.hasProgress() && trial.getProgress().getEpoch() > 0;
      table.add(
          List.of(
              trial.getDisplayName(),
              EnumLabels.of(trial.getState()),
              Integer.toString(trial.getAttempt()),
              StudyProgressPrinter.epochBar(trial),
              started ? String.format(Locale.ROOT, "%.4f", trial.getProgress().getValAuc()) : "",
              trial.getTrainingSeconds() > 0
                  ? String.format(Locale.ROOT, "%.1f", trial.getTrainingSeconds())
                  : "",
              trial.hasError() ? trial.getError().getMessage() : ""));
    }
    return table.render();
  }

  private static List<Trial> listTrials(MedxferClients clients, String studyName) {
    List<Trial> trials = new ArrayList<>();
    String pageToken = "";
    do {
      ListTrialsResponse page =
          clients
              .studies()
              .listTrials(
                  ListTrialsRequest.newBuilder()
                      .setParent(studyName)
                      .setPageToken(pageToken)
                      .build());
      trials.addAll(page.getTrialsList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return trials;
  }
}
