package org.medxfer.evaluator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.domain.AdaptationKind;
import org.medxfer.evaluator.domain.AdaptationSpec;
import org.medxfer.evaluator.domain.CompletedTrial;
import org.medxfer.evaluator.domain.InitKind;
import org.medxfer.evaluator.domain.InitSpec;
import org.medxfer.evaluator.domain.InvalidPredictionsException;
import org.medxfer.evaluator.domain.Predictions;
import org.medxfer.evaluator.domain.StoredPredictions;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TaskType;
import org.medxfer.evaluator.domain.TrialFactors;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.evaluator.fixtures.InMemoryTrialMetricsRepository;
import org.medxfer.evaluator.infra.objectstore.ObjectStorePredictionsRepository;
import org.medxfer.proto.trial.v1.TestPredictions;

/** The use case's own rules; storage and the object store are covered by TrialMetricsIT. */
class RecordTrialMetricsTest {

  private static final TrialName TRIAL = new TrialName(new StudyName("s"), "t");
  private static final Predictions PREDICTIONS =
      new Predictions(TaskType.BINARY, 2, new int[] {0, 1}, new float[] {0.8f, 0.2f, 0.3f, 0.7f});

  private static CompletedTrial completion(int attempt) {
    return completion(attempt, Optional.of("0.1.0+g0123456789ab"));
  }

  private static CompletedTrial completion(int attempt, Optional<String> codeVersion) {
    return new CompletedTrial(
        "event-1",
        TRIAL,
        attempt,
        new TrialFactors(
            "breast",
            "datasets/breast/versions/1",
            "mobilenet",
            new InitSpec(InitKind.RANDOM, "", 0, ""),
            new AdaptationSpec(AdaptationKind.FULL, 0),
            1.0,
            28,
            0),
        new byte[] {1, 2, 3},
        "key",
        5.0,
        codeVersion);
  }

  @Test
  void storesTheMetricsOnceAndSkipsReadingPredictionsForARedelivery() {
    InMemoryTrialMetricsRepository rows = new InMemoryTrialMetricsRepository();
    List<String> reads = new ArrayList<>();
    RecordTrialMetrics record =
        new RecordTrialMetrics(
            key -> {
              reads.add(key);
              return new StoredPredictions(TRIAL.toString(), 1, PREDICTIONS);
            },
            rows);

    assertThat(record.record(completion(1))).isEqualTo(RecordTrialMetrics.Outcome.STORED);
    assertThat(record.record(completion(1))).isEqualTo(RecordTrialMetrics.Outcome.ALREADY_STORED);

    assertThat(reads).containsExactly("key");
    assertThat(rows.findLatestPerTrial(TRIAL.study())).hasSize(1);
    TrialMetrics stored = rows.findLatestPerTrial(TRIAL.study()).get(0);
    assertThat(stored.metrics().auc()).isEqualTo(1.0);
    assertThat(stored.metrics().acc()).isEqualTo(1.0);
    assertThat(stored.trainingSeconds()).isEqualTo(5.0);
    assertThat(stored.spec()).containsExactly(1, 2, 3);
    assertThat(stored.codeVersion()).contains("0.1.0+g0123456789ab");
  }

  @Test
  void aCompletionWithoutCodeVersionIsStoredAsNotRecorded() {
    InMemoryTrialMetricsRepository rows = new InMemoryTrialMetricsRepository();
    RecordTrialMetrics record =
        new RecordTrialMetrics(
            key -> new StoredPredictions(TRIAL.toString(), 1, PREDICTIONS), rows);

    record.record(completion(1, Optional.empty()));

    assertThat(rows.findLatestPerTrial(TRIAL.study()).get(0).codeVersion()).isEmpty();
  }

  @Test
  void storedMultiLabelPredictionsAreScoredWithTheMeanPerLabelAuc() {
    // What a trainer stores for a 3-label task: each image's label set as a mask, and each label's
    // own sigmoid probability (rows need not sum to 1).
    byte[] stored =
        TestPredictions.newBuilder()
            .setTrial(TRIAL.toString())
            .setAttempt(1)
            .setTaskType(org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_LABEL)
            .setNumClasses(3)
            .addAllLabels(List.of(0b011, 0b100, 0b001, 0b110, 0b000))
            .addAllScores(
                List.of(
                    0.9f, 0.6f, 0.2f, //
                    0.4f, 0.3f, 0.7f, //
                    0.7f, 0.7f, 0.6f, //
                    0.2f, 0.8f, 0.4f, //
                    0.1f, 0.1f, 0.4f))
            .build()
            .toByteArray();
    InMemoryTrialMetricsRepository rows = new InMemoryTrialMetricsRepository();
    RecordTrialMetrics record =
        new RecordTrialMetrics(key -> ObjectStorePredictionsRepository.parse(key, stored), rows);

    assertThat(record.record(completion(1))).isEqualTo(RecordTrialMetrics.Outcome.STORED);

    TrialMetrics metrics = rows.findLatestPerTrial(TRIAL.study()).get(0);
    assertThat(metrics.taskType()).isEqualTo(TaskType.MULTI_LABEL);
    // By hand, counting (positive, negative) pairs the positive wins, a tie counting 1/2:
    // label 0: positives {0.9, 0.7} vs negatives {0.4, 0.2, 0.1}: 6 of 6, AUC 1;
    // label 1: positives {0.6, 0.8} vs {0.3, 0.7, 0.1}: 0.6 loses to 0.7, 5 of 6;
    // label 2: positives {0.7, 0.4} vs {0.2, 0.6, 0.4}: 3 + (1 + 0.5), 4.5 of 6.
    assertThat(metrics.metrics().auc()).isCloseTo((1 + 5 / 6.0 + 4.5 / 6) / 3, within(1e-12));
    // ACC at 0.5 per label: 5/5, 4/5 (image 2's 0.7), 3/5 (image 2's 0.6, image 3's 0.4).
    assertThat(metrics.metrics().acc()).isCloseTo((1 + 0.8 + 0.6) / 3, within(1e-12));
    assertThat(metrics.metrics().count()).isEqualTo(5);
    // Recall, F1 and calibration count one class per image: unset for label sets, not NaN.
    assertThat(metrics.report()).isEmpty();
  }

  @Test
  void predictionsOfAnotherAttemptAreRefused() {
    InMemoryTrialMetricsRepository rows = new InMemoryTrialMetricsRepository();
    RecordTrialMetrics record =
        new RecordTrialMetrics(
            key -> new StoredPredictions(TRIAL.toString(), 1, PREDICTIONS), rows);

    assertThatThrownBy(() -> record.record(completion(2)))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining(
            "belong to studies/s/trials/t attempt 1, not to studies/s/trials/t attempt 2");
    assertThat(rows.findLatestPerTrial(TRIAL.study())).isEmpty();
  }
}
