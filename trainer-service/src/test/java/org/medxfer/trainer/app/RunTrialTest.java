package org.medxfer.trainer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.EpochListener;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.ImageSource;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.ModelTrainer;
import org.medxfer.trainer.domain.ParameterCounts;
import org.medxfer.trainer.domain.Scores;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainerActivity;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialEvents;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.TrialRun;

/** The event sequence of one attempt, with a scripted trainer. */
class RunTrialTest {

  private static final TrialRun RUN =
      new TrialRun(
          "studies/s/trials/t",
          1,
          TrainingSpec.of(
              Architecture.CNN_SMALL,
              Initialization.RANDOM,
              2,
              32,
              1e-3,
              1,
              28,
              2,
              TaskType.BINARY),
          1);
  private static final ImageSource NO_IMAGES =
      split -> {
        throw new AssertionError("the scripted trainer reads no images");
      };
  private static final TrainingResult RESULT =
      new TrainingResult(
          new Scores(1, 2, new float[] {0.3f, 0.7f}),
          new int[] {1},
          List.of(
              new EpochMetrics(1, 0.7, 0.6, 0.8, 10, 1, 1),
              new EpochMetrics(2, 0.5, 0.5, 0.9, 20, 1, 2)),
          2,
          2.5,
          20);

  private final RecordingEvents events = new RecordingEvents();
  private final TrainerActivity activity = new TrainerActivity(Clock.systemUTC());

  private RunTrial runTrial(ModelTrainer trainer) {
    return new RunTrial(trainer, activity);
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void successPublishesStartedEpochsThenCompletedWithTheStoredKey() {
    boolean published =
        runTrial(trainer(listener -> RESULT.curve().forEach(listener::onEpoch)))
            .run(RUN, NO_IMAGES, events, result -> "out/test_predictions.binpb");

    assertThat(published).isTrue();
    assertThat(events.log)
        .containsExactly(
            "started 100/120", "epoch 1", "epoch 2", "completed out/test_predictions.binpb");
    assertThat(activity.snapshot().current()).isEmpty();
    assertThat(activity.snapshot().trialsCompleted()).isEqualTo(1);
  }

  @Test
  void activityShowsTheTrialAndItsLastEpochWhileItTrains() {
    List<TrainerActivity.Snapshot> duringTraining = new ArrayList<>();
    runTrial(
            trainer(
                listener -> {
                  RESULT.curve().forEach(listener::onEpoch);
                  duringTraining.add(activity.snapshot());
                }))
        .run(RUN, NO_IMAGES, events, result -> "key");

    TrainerActivity.CurrentTrial current = duringTraining.get(0).current().orElseThrow();
    assertThat(current.trial()).isEqualTo(RUN.trial());
    assertThat(current.attempt()).isEqualTo(RUN.attempt());
    assertThat(current.epoch()).isEqualTo(2);
    assertThat(current.totalEpochs()).isEqualTo(RUN.spec().epochs());
  }

  @Test
  void trialFailureIsPublishedWithItsReason() {
    boolean published =
        runTrial(
                trainer(
                    listener -> {
                      throw new TrialFailedException(FailureReason.DIVERGED, "loss NaN at step 3");
                    }))
            .run(RUN, NO_IMAGES, events, result -> "unused");

    assertThat(published).isTrue();
    assertThat(events.log).containsExactly("started 100/120", "failed DIVERGED loss NaN at step 3");
    assertThat(activity.snapshot().trialsFailed()).isEqualTo(1);
  }

  @Test
  void unexpectedErrorIsInternalWithoutItsDetails() {
    runTrial(
            trainer(
                listener -> {
                  throw new IllegalStateException("secret internals");
                }))
        .run(RUN, NO_IMAGES, events, result -> "unused");

    assertThat(events.log).last().asString().startsWith("failed INTERNAL").doesNotContain("secret");
  }

  @Test
  void internalTrialFailureAlsoHidesItsDetails() {
    runTrial(
            trainer(
                listener -> {
                  throw new TrialFailedException(
                      FailureReason.INTERNAL, "TensorFlow failed: OOM in node train/conv1");
                }))
        .run(RUN, NO_IMAGES, events, result -> "unused");

    assertThat(events.log).last().asString().startsWith("failed INTERNAL").doesNotContain("OOM");
  }

  @Test
  void unwritablePredictionsFailTheTrial() {
    runTrial(trainer(listener -> {}))
        .run(
            RUN,
            NO_IMAGES,
            events,
            result -> {
              throw new IllegalStateException("bucket gone");
            });

    assertThat(events.log).last().asString().startsWith("failed PREDICTIONS_UNWRITABLE");
  }

  @Test
  void failedPublishOfTheTerminalEventIsReportedSoTheOffsetStaysUncommitted() {
    events.failOn = "completed";
    boolean published =
        runTrial(trainer(listener -> {})).run(RUN, NO_IMAGES, events, result -> "key");

    assertThat(published).isFalse();
  }

  @Test
  void interruptedTrialPublishesNoTerminalEvent() {
    RunTrial runTrial =
        runTrial(
            trainer(
                listener -> {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("I/O interrupted");
                }));

    assertThatThrownBy(() -> runTrial.run(RUN, NO_IMAGES, events, result -> "unused"))
        .isInstanceOf(CancellationException.class);
    assertThat(events.log).containsExactly("started 100/120");
    assertThat(activity.snapshot().current()).isEmpty();
    assertThat(activity.snapshot().trialsFailed()).isZero();
    assertThat(activity.snapshot().trialsCompleted()).isZero();
  }

  /** A trainer whose train() runs {@code script} and returns {@link #RESULT}. */
  private static ModelTrainer trainer(java.util.function.Consumer<EpochListener> script) {
    return new ModelTrainer() {
      @Override
      public TrainingResult train(
          TrainingSpec spec,
          ImageSource images,
          EpochListener listener,
          org.medxfer.trainer.domain.TrialCheckpoints checkpoints) {
        script.accept(listener);
        return RESULT;
      }

      @Override
      public ParameterCounts parameterCounts(TrainingSpec spec, int channels) {
        return new ParameterCounts(100, 120);
      }
    };
  }

  private static final class RecordingEvents implements TrialEvents {
    final List<String> log = new ArrayList<>();
    String failOn = "";

    private void record(String entry) {
      if (entry.startsWith(failOn) && !failOn.isEmpty()) {
        throw new IllegalStateException("broker down");
      }
      log.add(entry);
    }

    @Override
    public void started(ParameterCounts parameters) {
      record("started " + parameters.trainable() + "/" + parameters.total());
    }

    @Override
    public void epochCompleted(EpochMetrics metrics) {
      record("epoch " + metrics.epoch());
    }

    @Override
    public void completed(TrainingResult result, String predictionsKey) {
      record("completed " + predictionsKey);
    }

    @Override
    public void failed(FailureReason reason, String message) {
      record("failed " + reason + " " + message);
    }
  }
}
