package org.medxfer.cli.render;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialCounts;
import org.medxfer.proto.study.v1.WatchStudyResponse;
import org.medxfer.proto.trial.v1.EpochCompleted;

/**
 * Prints a watched study's progress as plain lines (they read well in a terminal and in CI logs):
 * one line when a trial changes state or finishes an epoch, with a bar of the study's finished
 * trials.
 */
public final class StudyProgressPrinter {

  private static final int BAR_WIDTH = 20;

  private final PrintStream out;
  private final Map<String, String> lastLine = new HashMap<>();

  public StudyProgressPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints what changed in one watch message. */
  public void print(WatchStudyResponse update) {
    String bar = bar(update.getStudy());
    for (Trial trial : update.getTrialsList()) {
      String line = describe(trial);
      // A watch message may repeat a trial unchanged; print only news.
      if (!line.equals(lastLine.put(trial.getName(), line))) {
        out.println(bar + "  " + line);
      }
    }
  }

  static String bar(Study study) {
    TrialCounts counts = study.getTrialCounts();
    int done = counts.getSucceeded() + counts.getFailed() + counts.getCancelled();
    int total = Math.max(counts.getTotal(), 1);
    int filled = done * BAR_WIDTH / total;
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR_WIDTH - filled)
        + "] "
        + done
        + "/"
        + counts.getTotal();
  }

  static String describe(Trial trial) {
    String state = EnumLabels.of(trial.getState());
    StringBuilder line = new StringBuilder(trial.getDisplayName()).append(": ").append(state);
    if (trial.hasProgress() && trial.getProgress().getEpoch() > 0) {
      EpochCompleted epoch = trial.getProgress();
      line.append(
          String.format(
              Locale.ROOT,
              ", epoch %d/%d, train loss %.4f, val AUC %.4f",
              epoch.getEpoch(),
              epoch.getTotalEpochs(),
              epoch.getTrainLoss(),
              epoch.getValAuc()));
    }
    if (trial.hasError() && !trial.getError().getMessage().isEmpty()) {
      line.append(", error: ").append(trial.getError().getMessage());
    }
    return line.toString();
  }
}
