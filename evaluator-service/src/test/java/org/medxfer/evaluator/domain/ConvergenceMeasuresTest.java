package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceMeasuresTest {

  private static final TrialName TRIAL = new TrialName(new StudyName("s"), "t");

  private static LearningCurvePoint epoch(int epoch, double valAuc) {
    // 10 steps and 2.5 seconds per epoch.
    return new LearningCurvePoint(epoch, 10L * epoch, 2.5 * epoch, 0.5, 0.6, valAuc);
  }

  @Test
  void stepsAndSecondsAreThoseOfTheFirstEpochAtOrAboveTheTarget() {
    LearningCurve curve =
        new LearningCurve(
            TRIAL, 1, 4, List.of(epoch(1, 0.6), epoch(2, 0.8), epoch(3, 0.75), epoch(4, 0.9)));

    ConvergenceMeasures measures = ConvergenceMeasures.of(curve, 0.8);

    assertThat(measures.stepsToTarget()).hasValue(20);
    assertThat(measures.secondsToTarget()).hasValue(5.0);
    // (0.6 + 0.8 + 0.75 + 0.9) / 4
    assertThat(measures.areaUnderValCurve()).isCloseTo(0.7625, within(1e-12));
    assertThat(measures.bestValAuc()).isEqualTo(0.9);
  }

  @Test
  void aCurveThatNeverReachesTheTargetHasNoStepsToTarget() {
    LearningCurve curve = new LearningCurve(TRIAL, 1, 2, List.of(epoch(1, 0.5), epoch(2, 0.7)));

    ConvergenceMeasures measures = ConvergenceMeasures.of(curve, 0.8);

    assertThat(measures.stepsToTarget()).isEmpty();
    assertThat(measures.secondsToTarget()).isEmpty();
    assertThat(measures.areaUnderValCurve()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void epochsSkippedByEarlyStoppingCountWithTheLastValidationAuc() {
    // Planned 5 epochs, stopped after 3 (points given out of order on purpose).
    LearningCurve curve =
        new LearningCurve(TRIAL, 1, 5, List.of(epoch(3, 0.9), epoch(1, 0.7), epoch(2, 0.8)));

    ConvergenceMeasures measures = ConvergenceMeasures.of(curve, 0.85);

    assertThat(measures.stepsToTarget()).hasValue(30);
    // (0.7 + 0.8 + 0.9 + 0.9 + 0.9) / 5
    assertThat(measures.areaUnderValCurve()).isCloseTo(0.84, within(1e-12));
  }

  @Test
  void anEmptyCurveOrATargetOutsideTheUnitIntervalIsRefused() {
    LearningCurve empty = new LearningCurve(TRIAL, 1, 3, List.of());
    LearningCurve one = new LearningCurve(TRIAL, 1, 1, List.of(epoch(1, 0.7)));

    assertThatThrownBy(() -> ConvergenceMeasures.of(empty, 0.8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no point");
    assertThatThrownBy(() -> ConvergenceMeasures.of(one, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target validation AUC");
    assertThatThrownBy(() -> new LearningCurvePoint(1, 1, 1, 0, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation AUC");
  }
}
