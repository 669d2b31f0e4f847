package org.medxfer.cli.client;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.medxfer.cli.command.CompareCommand;
import org.medxfer.cli.render.ComparisonTable;
import org.medxfer.cli.render.EnumLabels;
import org.medxfer.cli.render.StudyProgressPrinter;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.StudyComparison;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyState;
import org.medxfer.proto.study.v1.WatchStudyRequest;
import org.medxfer.proto.study.v1.WatchStudyResponse;

/** Follows a study to its end, then prints the comparison of its arms. */
public final class StudyRunner {

  // The evaluator scores a trial shortly after the trainer reports it; allow for a slow machine.
  private static final Duration METRICS_WAIT = Duration.ofSeconds(120);

  private final MedxferClients clients;
  private final PrintStream out;

  public StudyRunner(MedxferClients clients, PrintStream out) {
    this.clients = clients;
    this.out = out;
  }

  /**
   * Watches the study, prints its comparison and returns the exit code: 0 when every trial
   * succeeded.
   */
  public int watchAndCompare(String studyName) {
    Study study = watch(studyName);
    out.printf(
        "%s %s: %d succeeded, %d failed, %d cancelled%n",
        study.getName(),
        EnumLabels.of(study.getState()),
        study.getTrialCounts().getSucceeded(),
        study.getTrialCounts().getFailed(),
        study.getTrialCounts().getCancelled());
    StudyComparison comparison = awaitMetrics(studyName, study.getTrialCounts().getSucceeded());
    out.println();
    out.print(ComparisonTable.render(comparison));
    boolean allSucceeded =
        study.getTrialCounts().getSucceeded() == study.getTrialCounts().getTotal();
    return study.getState() == StudyState.STUDY_STATE_SUCCEEDED && allSucceeded ? 0 : 1;
  }

  /** Prints progress until the study ends; returns its final state. */
  public Study watch(String studyName) {
    StudyProgressPrinter printer = new StudyProgressPrinter(out);
    Iterator<WatchStudyResponse> updates =
        clients.studies().watchStudy(WatchStudyRequest.newBuilder().setName(studyName).build());
    while (updates.hasNext()) {
      printer.print(updates.next());
    }
    return clients.studies().getStudy(GetStudyRequest.newBuilder().setName(studyName).build());
  }

  private StudyComparison awaitMetrics(String studyName, int expectedTrials) {
    Instant deadline = Instant.now().plus(METRICS_WAIT);
    while (true) {
      StudyComparison comparison = CompareCommand.compare(clients, studyName, List.of());
      int scored = comparison.getRowsList().stream().mapToInt(ComparisonRow::getN).sum();
      if (scored >= expectedTrials || Instant.now().isAfter(deadline)) {
        if (scored < expectedTrials) {
          out.printf("warning: only %d of %d trials have metrics yet%n", scored, expectedTrials);
        }
        return comparison;
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
