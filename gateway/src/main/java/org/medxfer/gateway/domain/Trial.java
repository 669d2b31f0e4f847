package org.medxfer.gateway.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One cell of a study: a training run and where it stands.
 *
 * @param name {@code studies/{study}/trials/{trial}}
 * @param study {@code studies/{study}}
 * @param setup what the trial trains
 * @param data where its images are
 * @param state where it is in its lifecycle
 * @param attempt the current attempt (1-based)
 * @param progress the last finished epoch; null before the first
 * @param trainingSeconds training seconds, once succeeded
 * @param predictionsKey object-store key of the test predictions, once succeeded; else empty
 * @param failure why it failed; null unless FAILED
 * @param createTime when it was created
 * @param updateTime when its state or progress last changed
 */
public record Trial(
    String name,
    String study,
    TrialSetup setup,
    DataLocation data,
    TrialState state,
    int attempt,
    EpochProgress progress,
    double trainingSeconds,
    String predictionsKey,
    Failure failure,
    Instant createTime,
    Instant updateTime) {

  public Trial {
    predictionsKey = predictionsKey == null ? "" : predictionsKey;
  }

  /** A new trial of {@code study}: queued, first attempt. */
  public static Trial queued(String study, TrialSetup setup, DataLocation data, Instant now) {
    return new Trial(
        ResourceNames.trial(study, setup.cell().id()),
        study,
        setup,
        data,
        TrialState.QUEUED,
        1,
        null,
        0.0,
        "",
        null,
        now,
        now);
  }

  /** Position in the study's cell order. */
  public int ordinal() {
    return setup.cell().ordinal();
  }

  /** A readable summary of the cell. */
  public String displayName() {
    return setup.cell().displayName();
  }

  /** Where this attempt's outputs go in the object store. */
  public String outputPrefix() {
    return ResourceNames.outputPrefix(name, attempt);
  }

  /**
   * The trial after a trainer's {@code report}, or empty when the report changes nothing: it is
   * about another attempt, the trial has ended, or it repeats what is already known (a redelivered
   * event).
   */
  public Optional<Trial> apply(TrialReport report, Instant now) {
    if (report.attempt() != attempt || state.isTerminal()) {
      return Optional.empty();
    }
    TrialUpdate update = report.update();
    if (update instanceof TrialUpdate.Started) {
      return state == TrialState.RUNNING
          ? Optional.empty()
          : Optional.of(next(TrialState.RUNNING, progress, now));
    }
    if (update instanceof TrialUpdate.EpochFinished epoch) {
      // A redelivered or reordered epoch must not move the learning curve backwards.
      if (progress != null && epoch.progress().epoch() <= progress.epoch()) {
        return Optional.empty();
      }
      return Optional.of(next(TrialState.RUNNING, epoch.progress(), now));
    }
    if (update instanceof TrialUpdate.Completed completed) {
      return Optional.of(
          new Trial(
              name,
              study,
              setup,
              data,
              checkedMove(TrialState.SUCCEEDED),
              attempt,
              progress,
              completed.trainingSeconds(),
              completed.predictionsKey(),
              null,
              createTime,
              now));
    }
    TrialUpdate.Failed failed = (TrialUpdate.Failed) update;
    return Optional.of(
        new Trial(
            name,
            study,
            setup,
            data,
            checkedMove(TrialState.FAILED),
            attempt,
            progress,
            0.0,
            "",
            failed.failure(),
            createTime,
            now));
  }

  /**
   * The next attempt of this trial, queued: after a failed attempt with budget left, or a rerun of
   * a failed or cancelled trial. The last failure stays visible until the new attempt reports.
   */
  public Trial nextAttempt(Failure lastFailure, Instant now) {
    return new Trial(
        name,
        study,
        setup,
        data,
        TrialState.QUEUED,
        attempt + 1,
        null,
        0.0,
        "",
        lastFailure,
        createTime,
        now);
  }

  /** The trial cancelled, or empty when it has already ended. */
  public Optional<Trial> cancel(Instant now) {
    return state.isTerminal()
        ? Optional.empty()
        : Optional.of(next(TrialState.CANCELLED, progress, now));
  }

  // The trial in state nextState with newProgress; results and failure stay as they are.
  private Trial next(TrialState nextState, EpochProgress newProgress, Instant now) {
    return new Trial(
        name,
        study,
        setup,
        data,
        checkedMove(nextState),
        attempt,
        newProgress,
        trainingSeconds,
        predictionsKey,
        failure,
        createTime,
        now);
  }

  private TrialState checkedMove(TrialState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateChangeException(
          IllegalStateChangeException.ILLEGAL_TRIAL_TRANSITION,
          name + " cannot move from " + state + " to " + next);
    }
    return next;
  }
}
