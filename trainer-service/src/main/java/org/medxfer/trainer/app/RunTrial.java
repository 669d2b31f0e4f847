package org.medxfer.trainer.app;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CancellationException;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.ImageSource;
import org.medxfer.trainer.domain.ModelTrainer;
import org.medxfer.trainer.domain.ParameterCounts;
import org.medxfer.trainer.domain.PredictionStore;
import org.medxfer.trainer.domain.TrainerActivity;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrialCheckpoints;
import org.medxfer.trainer.domain.TrialEvents;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.TrialRun;

/**
 * Runs one trial attempt start to finish: STARTED, one event per epoch, predictions stored, then
 * exactly one terminal event (COMPLETED or FAILED). Blocks the calling thread for the whole
 * training, so it must never run on an event-loop thread.
 */
@Singleton
public class RunTrial {

  private static final System.Logger LOG = System.getLogger(RunTrial.class.getName());

  private final ModelTrainer trainer;
  private final TrainerActivity activity;

  @Inject
  public RunTrial(ModelTrainer trainer, TrainerActivity activity) {
    this.trainer = trainer;
    this.activity = activity;
  }

  /**
   * Trains {@code run} and reports through {@code events}.
   *
   * @return true when a terminal event was published; false only if publishing it failed
   * @throws CancellationException when the thread was interrupted (partition revoked, shutdown):
   *     then no terminal event is published, so the assignment is redelivered
   */
  public boolean run(
      TrialRun run, ImageSource images, TrialEvents events, PredictionStore predictions) {
    return run(run, images, events, predictions, TrialCheckpoints.NONE);
  }

  /**
   * Trains {@code run} like {@link #run(TrialRun, ImageSource, TrialEvents, PredictionStore)},
   * saving a checkpoint after every epoch into {@code checkpoints}. A re-delivered attempt passes
   * the same checkpoints and resumes after the last saved epoch (its earlier epochs are published
   * again), ending with the result an uninterrupted run would have had.
   */
  public boolean run(
      TrialRun run,
      ImageSource images,
      TrialEvents events,
      PredictionStore predictions,
      TrialCheckpoints checkpoints) {
    activity.started(run);
    Outcome outcome = Outcome.CANCELLED;
    try {
      outcome = train(run, images, new TrackedEvents(events, activity), predictions, checkpoints);
      return outcome != Outcome.UNREPORTED;
    } finally {
      activity.ended(outcome == Outcome.COMPLETED, outcome == Outcome.FAILED);
    }
  }

  /** How an attempt ended, as far as this trainer could report it. */
  private enum Outcome {
    COMPLETED,
    FAILED,
    UNREPORTED,
    CANCELLED
  }

  private Outcome train(
      TrialRun run,
      ImageSource images,
      TrackedEvents events,
      PredictionStore predictions,
      TrialCheckpoints checkpoints) {
    TrainingResult result;
    try {
      ParameterCounts parameters = trainer.parameterCounts(run.spec(), run.channels());
      events.started(parameters);
      result = trainer.train(run.spec(), images, events::epochCompleted, checkpoints);
    } catch (TrialFailedException e) {
      if (e.reason() == FailureReason.INTERNAL) {
        return failed(reportInternal(run, events, e));
      }
      return failed(reportFailure(run, events, e.reason(), e.getMessage(), e));
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      return failed(reportInternal(run, events, e));
    }
    checkNotCancelled();
    String key;
    try {
      key = predictions.store(result);
    } catch (RuntimeException e) {
      checkNotCancelled();
      return failed(
          reportFailure(
              run,
              events,
              FailureReason.PREDICTIONS_UNWRITABLE,
              "cannot store the test predictions: " + e.getMessage(),
              e));
    }
    try {
      events.completed(result, key);
      return Outcome.COMPLETED;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot publish COMPLETED for " + run.trial(), e);
      return Outcome.UNREPORTED;
    }
  }

  private static Outcome failed(boolean published) {
    return published ? Outcome.FAILED : Outcome.UNREPORTED;
  }

  /** Passes events on and keeps the activity's epoch current. */
  private record TrackedEvents(TrialEvents delegate, TrainerActivity activity)
      implements TrialEvents {

    @Override
    public void started(ParameterCounts parameters) {
      delegate.started(parameters);
    }

    @Override
    public void epochCompleted(EpochMetrics metrics) {
      delegate.epochCompleted(metrics);
      activity.epochCompleted(metrics.epoch());
    }

    @Override
    public void completed(TrainingResult result, String predictionsKey) {
      delegate.completed(result, predictionsKey);
    }

    @Override
    public void failed(FailureReason reason, String message) {
      delegate.failed(reason, message);
    }
  }

  /** Clients see a stable message; the details go to the log, findable by trial and attempt. */
  private static boolean reportInternal(TrialRun run, TrialEvents events, RuntimeException e) {
    checkNotCancelled();
    LOG.log(System.Logger.Level.ERROR, run.trial() + " attempt " + run.attempt() + " crashed", e);
    return publishFailure(
        run,
        events,
        FailureReason.INTERNAL,
        "training failed unexpectedly; see the trainer log for "
            + run.trial()
            + " attempt "
            + run.attempt());
  }

  private static boolean reportFailure(
      TrialRun run, TrialEvents events, FailureReason reason, String message, Exception cause) {
    checkNotCancelled();
    String summary =
        run.trial() + " attempt " + run.attempt() + " failed: " + reason + ": " + message;
    if (cause instanceof TrialFailedException) {
      // An expected outcome (bad spec, divergence, missing data): the message says it all.
      LOG.log(System.Logger.Level.WARNING, summary);
    } else {
      LOG.log(System.Logger.Level.ERROR, summary, cause);
    }
    return publishFailure(run, events, reason, message);
  }

  private static boolean publishFailure(
      TrialRun run, TrialEvents events, FailureReason reason, String message) {
    try {
      events.failed(reason, message);
      return true;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot publish FAILED for " + run.trial(), e);
      return false;
    }
  }

  /** An interrupted attempt reports nothing: its assignment goes to another trainer. */
  private static void checkNotCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("trial cancelled");
    }
  }
}
