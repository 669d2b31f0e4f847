package org.medxfer.evaluator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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

/** The use case's own rules; storage and the object store are covered by TrialMetricsIT. */
class RecordTrialMetricsTest {

  private static final TrialName TRIAL = new TrialName(new StudyName("s"), "t");
  private static final Predictions PREDICTIONS =
      new Predictions(TaskType.BINARY, 2, new int[] {0, 1}, new float[] {0.8f, 0.2f, 0.3f, 0.7f});

  private static CompletedTrial completion(int attempt) {
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
        5.0);
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
