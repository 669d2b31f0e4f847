package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialCounts;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.proto.trial.v1.EpochCompleted;

class StudyProgressPrinterTest {

  @Test
  void summarisesDoneRunningFailedAndTheEta() {
    TrialCounts counts =
        TrialCounts.newBuilder()
            .setTotal(10)
            .setSucceeded(3)
            .setFailed(1)
            .setRunning(2)
            .setQueued(4)
            .build();
    Study study = Study.newBuilder().setTrialCounts(counts).build();
    List<Trial> trials =
        List.of(
            Trial.newBuilder().setTrainingSeconds(100).build(),
            Trial.newBuilder().setTrainingSeconds(200).build(),
            running(5, 10),
            running(0, 10));

    // 150 s a trial; 4 queued + 0.5 + 1 running left = 5.5 trials over 2 trainers: 412.5 s.
    assertThat(StudyProgressPrinter.eta(counts, trials)).contains(Duration.ofSeconds(413));
    assertThat(StudyProgressPrinter.summary(study, trials))
        .isEqualTo(
            "[########............] 4/10 done: 3 succeeded, 1 failed, 0 cancelled; 2 running,"
                + " 4 queued; ETA 6m 53s");
  }

  @Test
  void estimatesFromEpochTimesBeforeAnyTrialFinishedAndKnowsNothingBeforeAnEpoch() {
    TrialCounts counts = TrialCounts.newBuilder().setTotal(2).setRunning(1).setQueued(1).build();
    Trial halfway =
        Trial.newBuilder()
            .setState(TrialState.TRIAL_STATE_RUNNING)
            .setProgress(
                EpochCompleted.newBuilder().setEpoch(2).setTotalEpochs(4).setElapsedSeconds(60))
            .build();

    assertThat(StudyProgressPrinter.eta(counts, List.of(halfway)))
        .contains(Duration.ofSeconds(180));
    assertThat(StudyProgressPrinter.eta(counts, List.of())).isEmpty();
    assertThat(StudyProgressPrinter.epochBar(halfway)).isEqualTo("[#####.....] 2/4");
  }

  private static Trial running(int epoch, int total) {
    return Trial.newBuilder()
        .setState(TrialState.TRIAL_STATE_RUNNING)
        .setProgress(EpochCompleted.newBuilder().setEpoch(epoch).setTotalEpochs(total))
        .build();
  }
}
