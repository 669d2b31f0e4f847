package org.medxfer.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(10);
  private static final TrialCell CELL =
      new TrialCell(
          0,
          "breastmnist",
          "cnn_small",
          Initialization.of(InitKind.RANDOM),
          Adaptation.of(AdaptationKind.FULL),
          1.0,
          28,
          0);
  private static final DataLocation DATA =
      new DataLocation(
          "datasets/breastmnist/versions/v1",
          TaskType.BINARY,
          2,
          List.of("malignant", "benign"),
          28,
          28,
          1,
          "train",
          "val",
          "test");
  private static final Trial QUEUED =
      Trial.queued(
          "studies/s",
          new TrialSetup(
              CELL,
              DATA.datasetVersion(),
              ResizeMode.BILINEAR,
              new TrainingSettings(5, 32, OptimizerKind.ADAM, 0.001, 0)),
          DATA,
          T0);

  private static TrialReport report(int attempt, TrialUpdate update) {
    return new TrialReport(QUEUED.name(), attempt, update);
  }

  private static EpochProgress epoch(int number) {
    return new EpochProgress(number, 5, 0.5, 0.6, 0.7, number * 10L, number * 2.0);
  }

  @Test
  void aNewTrialIsQueuedForItsFirstAttempt() {
    assertThat(QUEUED.state()).isEqualTo(TrialState.QUEUED);
    assertThat(QUEUED.attempt()).isEqualTo(1);
    assertThat(QUEUED.name()).isEqualTo("studies/s/trials/" + CELL.id());
    assertThat(QUEUED.outputPrefix()).isEqualTo(QUEUED.name() + "/attempts/1/");
  }

  @Test
  void followsStartedEpochsAndCompleted() {
    Trial running = QUEUED.apply(report(1, new TrialUpdate.Started()), T1).orElseThrow();
    Trial epochTwo =
        running.apply(report(1, new TrialUpdate.EpochFinished(epoch(2))), T1).orElseThrow();
    Trial done =
        epochTwo
            .apply(report(1, new TrialUpdate.Completed(42.5, "preds/key.pb")), T1)
            .orElseThrow();

    assertThat(running.state()).isEqualTo(TrialState.RUNNING);
    assertThat(running.updateTime()).isEqualTo(T1);
    assertThat(epochTwo.progress().epoch()).isEqualTo(2);
    assertThat(done.state()).isEqualTo(TrialState.SUCCEEDED);
    assertThat(done.trainingSeconds()).isEqualTo(42.5);
    assertThat(done.predictionsKey()).isEqualTo("preds/key.pb");
    assertThat(done.progress().epoch()).isEqualTo(2);
  }

  @Test
  void recordsAFailure() {
    Failure diverged = new Failure(13, "DIVERGED", "loss is NaN");
    Trial failed = QUEUED.apply(report(1, new TrialUpdate.Failed(diverged)), T1).orElseThrow();

    assertThat(failed.state()).isEqualTo(TrialState.FAILED);
    assertThat(failed.failure()).isEqualTo(diverged);
  }

  @Test
  void anEpochOfAQueuedTrialMeansItRuns() {
    Trial running =
        QUEUED.apply(report(1, new TrialUpdate.EpochFinished(epoch(1))), T1).orElseThrow();

    assertThat(running.state()).isEqualTo(TrialState.RUNNING);
  }

  @Test
  void ignoresOtherAttemptsRepeatsAndOldEpochs() {
    Trial running = QUEUED.apply(report(1, new TrialUpdate.Started()), T1).orElseThrow();
    Trial epochThree =
        running.apply(report(1, new TrialUpdate.EpochFinished(epoch(3))), T1).orElseThrow();

    assertThat(QUEUED.apply(report(0, new TrialUpdate.Started()), T1)).isEmpty();
    assertThat(QUEUED.apply(report(2, new TrialUpdate.Started()), T1)).isEmpty();
    assertThat(running.apply(report(1, new TrialUpdate.Started()), T1)).isEmpty();
    assertThat(epochThree.apply(report(1, new TrialUpdate.EpochFinished(epoch(3))), T1)).isEmpty();
    assertThat(epochThree.apply(report(1, new TrialUpdate.EpochFinished(epoch(2))), T1)).isEmpty();
  }

  @Test
  void nothingLeavesATerminalState() {
    Trial done = QUEUED.apply(report(1, new TrialUpdate.Completed(1.0, "k")), T1).orElseThrow();
    Trial cancelled = QUEUED.cancel(T1).orElseThrow();

    for (Trial ended : List.of(done, cancelled)) {
      assertThat(ended.apply(report(1, new TrialUpdate.Started()), T1)).isEmpty();
      assertThat(ended.apply(report(1, new TrialUpdate.Failed(new Failure(2, "X", "x"))), T1))
          .isEmpty();
      assertThat(ended.cancel(T1)).isEmpty();
    }
    assertThat(cancelled.state()).isEqualTo(TrialState.CANCELLED);
    for (TrialState terminal :
        List.of(TrialState.SUCCEEDED, TrialState.FAILED, TrialState.CANCELLED)) {
      for (TrialState next : TrialState.values()) {
        assertThat(terminal.canMoveTo(next)).as(terminal + " -> " + next).isFalse();
      }
    }
    assertThat(TrialState.RUNNING.canMoveTo(TrialState.QUEUED)).isFalse();
  }

  @Test
  void aStudyEndsWhenItsLastTrialEnds() {
    assertThat(
            StudyState.outcomeOf(
                TrialCounts.of(Map.of(TrialState.RUNNING, 1, TrialState.SUCCEEDED, 3))))
        .isEmpty();
    assertThat(
            StudyState.outcomeOf(
                TrialCounts.of(Map.of(TrialState.SUCCEEDED, 1, TrialState.FAILED, 3))))
        .contains(StudyState.SUCCEEDED);
    assertThat(StudyState.outcomeOf(TrialCounts.of(Map.of(TrialState.FAILED, 4))))
        .contains(StudyState.FAILED);
  }

  @Test
  void aStudyMovesOnlyFromRunning() {
    assertThat(StudyState.RUNNING.canMoveTo(StudyState.CANCELLED)).isTrue();
    assertThat(StudyState.RUNNING.canMoveTo(StudyState.RUNNING)).isFalse();
    for (StudyState ended :
        List.of(StudyState.SUCCEEDED, StudyState.FAILED, StudyState.CANCELLED)) {
      for (StudyState next : StudyState.values()) {
        assertThat(ended.canMoveTo(next)).as(ended + " -> " + next).isFalse();
      }
    }
  }
}
