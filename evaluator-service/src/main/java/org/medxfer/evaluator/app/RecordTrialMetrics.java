package org.medxfer.evaluator.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.medxfer.evaluator.domain.ClassificationReport;
import org.medxfer.evaluator.domain.CompletedTrial;
import org.medxfer.evaluator.domain.InvalidPredictionsException;
import org.medxfer.evaluator.domain.MedMnistMetrics;
import org.medxfer.evaluator.domain.Predictions;
import org.medxfer.evaluator.domain.PredictionsRepository;
import org.medxfer.evaluator.domain.StoredPredictions;
import org.medxfer.evaluator.domain.TaskType;
import org.medxfer.evaluator.domain.TestMetrics;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialMetricsRepository;

/**
 * Computes and stores the test metrics of a finished trial attempt (MedMNIST's AUC and ACC and the
 * extended report), once per attempt.
 */
@ApplicationScoped
public class RecordTrialMetrics {

  /** What recording did. */
  public enum Outcome {
    /** The attempt's metrics were computed and stored. */
    STORED,
    /** The attempt had metrics already (a repeated delivery); nothing changed. */
    ALREADY_STORED
  }

  private final PredictionsRepository predictions;
  private final TrialMetricsRepository metrics;

  public RecordTrialMetrics(PredictionsRepository predictions, TrialMetricsRepository metrics) {
    this.predictions = predictions;
    this.metrics = metrics;
  }

  /**
   * Records {@code completed}.
   *
   * @throws InvalidPredictionsException when its predictions yield no metric; retrying cannot help
   */
  public Outcome record(CompletedTrial completed) {
    // Checked first so that a repeated delivery does not read the predictions again.
    if (metrics.contains(completed.trial(), completed.attempt())) {
      return Outcome.ALREADY_STORED;
    }
    StoredPredictions stored = predictions.load(completed.predictionsKey());
    if (!stored.trial().equals(completed.trial().toString())
        || stored.attempt() != completed.attempt()) {
      throw new InvalidPredictionsException(
          "predictions at %s belong to %s attempt %d, not to %s attempt %d"
              .formatted(
                  completed.predictionsKey(),
                  stored.trial(),
                  stored.attempt(),
                  completed.trial(),
                  completed.attempt()));
    }
    Predictions predicted = stored.predictions();
    // The extended report counts one predicted class per image; a multi-label image has a set, so
    // a multi-label attempt stores MedMNIST's AUC and ACC only and leaves the extended metrics
    // unset (not NaN).
    Optional<ClassificationReport> report =
        predicted.taskType() == TaskType.MULTI_LABEL
            ? Optional.empty()
            : Optional.of(ClassificationReport.of(predicted));
    TestMetrics medMnist =
        report
            .map(ClassificationReport::medMnist)
            .orElseGet(() -> MedMnistMetrics.evaluate(predicted));
    TrialMetrics row =
        new TrialMetrics(
            completed.trial(),
            completed.attempt(),
            completed.factors(),
            completed.spec(),
            predicted.taskType(),
            medMnist,
            completed.trainingSeconds(),
            completed.predictionsKey(),
            // PostgreSQL keeps microseconds; truncating here makes the stored time the returned
            // one.
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            report,
            completed.codeVersion());
    return metrics.insertIfAbsent(row) ? Outcome.STORED : Outcome.ALREADY_STORED;
  }
}
