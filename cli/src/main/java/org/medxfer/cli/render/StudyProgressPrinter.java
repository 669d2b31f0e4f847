package org.medxfer.cli.render;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialCounts;
import org.medxfer.proto.study.v1.WatchStudyResponse;
import org.medxfer.proto.trial.v1.EpochCompleted;

/**
 * Prints a watched study's progress as plain lines (they read well in a terminal and in CI logs):
 * one line when a trial changes state or finishes an epoch, with a bar of the study's finished
 * trials, and a summary line (done, running, failed, ETA) whenever the study's counts change.
 */
public final class StudyProgressPrinter {

  private static final int BAR_WIDTH = 20;

  private final PrintStream out;
  private final Map<String, String> lastLine = new HashMap<>();
  private final Map<String, Trial> trials = new LinkedHashMap<>();
  private String lastSummary = "";

  public StudyProgressPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints what changed in one watch message. */
  public void print(WatchStudyResponse update) {
    String bar = bar(update.getStudy());
    for (Trial trial : update.getTrialsList()) {
      trials.put(trial.getName(), trial);
      String line = describe(trial);
      // A watch message may repeat a trial unchanged; print only news.
      if (!line.equals(lastLine.put(trial.getName(), line))) {
        out.println(bar + "  " + line);
      }
    }
    String summary = summary(update.getStudy(), trials.values());
    if (!summary.equals(lastSummary)) {
      out.println(summary);
      lastSummary = summary;
    }
  }

  /**
   * The study in one line: a bar of ended trials, then done (succeeded, failed, cancelled),
   * running, queued and the ETA, for example {@code [#####...] 5/20 done: 4 succeeded, 1 failed, 0
   * cancelled; 2 running, 13 queued; ETA 1h 05m}.
   */
  public static String summary(Study study, Collection<Trial> trials) {
    TrialCounts counts = study.getTrialCounts();
    return String.format(
        Locale.ROOT,
        "%s done: %d succeeded, %d failed, %d cancelled; %d running, %d queued; ETA %s",
        bar(study),
        counts.getSucceeded(),
        counts.getFailed(),
        counts.getCancelled(),
        counts.getRunning(),
        counts.getQueued(),
        eta(counts, trials).map(StudyProgressPrinter::duration).orElse("unknown"));
  }

  /**
   * When the study should end at the pace so far: the trials left (queued ones, and the unfinished
   * epochs of running ones) times the mean seconds per trial (finished trials' training time, or
   * running trials' time per epoch), spread over as many trainers as trials are running. Empty
   * before any epoch has finished.
   */
  public static Optional<Duration> eta(TrialCounts counts, Collection<Trial> trials) {
    double perTrial =
        trials.stream()
            .filter(trial -> trial.getTrainingSeconds() > 0)
            .mapToDouble(Trial::getTrainingSeconds)
            .average()
            .orElse(Double.NaN);
    if (Double.isNaN(perTrial)) {
      perTrial =
          trials.stream()
              .filter(trial -> trial.hasProgress() && trial.getProgress().getEpoch() > 0)
              .mapToDouble(
                  trial ->
                      trial.getProgress().getElapsedSeconds()
                          / trial.getProgress().getEpoch()
                          * trial.getProgress().getTotalEpochs())
              .average()
              .orElse(Double.NaN);
    }
    if (Double.isNaN(perTrial)) {
      return counts.getQueued() + counts.getRunning() == 0
          ? Optional.of(Duration.ZERO)
          : Optional.empty();
    }
    double left = counts.getQueued();
    for (Trial trial : trials) {
      if (trial.getState() == org.medxfer.proto.study.v1.TrialState.TRIAL_STATE_RUNNING) {
        EpochCompleted epoch = trial.getProgress();
        left +=
            epoch.getTotalEpochs() > 0
                ? 1.0 - (double) epoch.getEpoch() / epoch.getTotalEpochs()
                : 1.0;
      }
    }
    int parallel = Math.max(1, counts.getRunning());
    return Optional.of(Duration.ofSeconds(Math.round(left * perTrial / parallel)));
  }

  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds / 60 % 60);
  }

  /** A trial's epochs as a short bar, for example {@code [###.......] 3/10}; empty before any. */
  public static String epochBar(Trial trial) {
    if (!trial.hasProgress() || trial.getProgress().getTotalEpochs() == 0) {
      return "";
    }
    EpochCompleted epoch = trial.getProgress();
    int width = 10;
    int filled = Math.min(width, epoch.getEpoch() * width / epoch.getTotalEpochs());
    return "["
        + "#".repeat(filled)
        + ".".repeat(width - filled)
        + "] "
        + epoch.getEpoch()
        + "/"
        + epoch.getTotalEpochs();
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
