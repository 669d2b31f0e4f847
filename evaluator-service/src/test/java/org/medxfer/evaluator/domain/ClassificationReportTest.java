package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every expected value below is computed by hand in the comments from the definitions. */
class ClassificationReportTest {

  private static final double EXACT = 1e-12;
  // Confidences of class 0 are 1 - float score, so carry float rounding.
  private static final double FLOAT = 1e-6;

  private static Predictions binary(int[] labels, float... positiveScores) {
    float[] scores = new float[positiveScores.length * 2];
    for (int i = 0; i < positiveScores.length; i++) {
      scores[2 * i] = 1 - positiveScores[i];
      scores[2 * i + 1] = positiveScores[i];
    }
    return new Predictions(TaskType.BINARY, 2, labels, scores);
  }

  @Test
  void binaryMetricsWithTiedScores() {
    // Class-1 scores, label in brackets: 0.95[1] 0.85[0] 0.85[1] 0.25[1] 0.25[0] 0.15[0].
    ClassificationReport report =
        ClassificationReport.of(
            binary(new int[] {1, 0, 1, 1, 0, 0}, 0.95f, 0.85f, 0.85f, 0.25f, 0.25f, 0.15f));

    // Average precision over distinct thresholds, ties entering together (P = 3 positives):
    // 0.95: R 1/3, P 1/1; 0.85: R 2/3, P 2/3; 0.25: R 1, P 3/5 -> 1/3 + 1/3*2/3 + 1/3*3/5.
    assertThat(report.auprc()).isCloseTo(34.0 / 45.0, within(EXACT));
    // Predicted 1 above 0.5: images 0, 1, 2. Class 1: TP 2 (0, 2), FN 1 (3); class 0: TN 2, FP 1.
    assertThat(report.recall()).containsExactly(2.0 / 3.0, 2.0 / 3.0);
    assertThat(report.specificity()).containsExactly(2.0 / 3.0, 2.0 / 3.0);
    assertThat(report.balancedAccuracy()).isCloseTo(2.0 / 3.0, within(EXACT));
    // F1 of class 1: 2TP / (2TP + FP + FN) = 4 / 6.
    assertThat(report.f1()).isCloseTo(4.0 / 6.0, within(EXACT));
    // Confidence of the predicted class, bins (0.9,1], (0.8,0.9], (0.7,0.8]:
    // bin 9 {0.95 right}: |1 - 0.95| * 1/6; bin 8 {0.85 wrong, 0.85 right, 0.85 right (image 5,
    // class 0)}: |2/3 - 0.85| * 3/6; bin 7 {0.75 wrong, 0.75 right}: |1/2 - 0.75| * 2/6.
    assertThat(report.expectedCalibrationError())
        .isCloseTo((0.05 + 3 * (0.85 - 2.0 / 3.0) + 2 * 0.25) / 6, within(FLOAT));
    // AUC (7/9 with ties as 1/2) and ACC (4/6) stay MedMNIST's.
    assertThat(report.medMnist().auc()).isCloseTo(7.0 / 9.0, within(EXACT));
    assertThat(report.medMnist().acc()).isCloseTo(4.0 / 6.0, within(EXACT));
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void multiClassMetricsAreMacroAverages() {
    int[] labels = {0, 0, 1, 1, 2, 2};
    float[] scores = {
      0.7f, 0.2f, 0.1f, // label 0, predicted 0
      0.3f, 0.6f, 0.1f, // label 0, predicted 1
      0.2f, 0.7f, 0.1f, // label 1, predicted 1
      0.1f, 0.8f, 0.1f, // label 1, predicted 1
      0.5f, 0.1f, 0.4f, // label 2, predicted 0
      0.2f, 0.2f, 0.6f // label 2, predicted 2
    };
    ClassificationReport report =
        ClassificationReport.of(new Predictions(TaskType.MULTI_CLASS, 3, labels, scores));

    assertThat(report.recall()).containsExactly(0.5, 1.0, 0.5);
    // Specificity: class 0 wrongly predicted for image 4 (3 of 4 right), class 1 for image 1.
    assertThat(report.specificity()).containsExactly(0.75, 0.75, 1.0);
    assertThat(report.balancedAccuracy()).isCloseTo(2.0 / 3.0, within(EXACT));
    // F1 per class: 2/(2+1+1), 4/(4+1+0), 2/(2+0+1); macro mean.
    assertThat(report.f1()).isCloseTo((0.5 + 0.8 + 2.0 / 3.0) / 3, within(EXACT));
    // One-vs-rest AP: class 0 ranks 0.7[+] 0.5[-] 0.3[+] ... -> 1/2*1 + 1/2*2/3 = 5/6; classes
    // 1 and 2 rank their positives first -> 1.
    assertThat(report.auprc()).isCloseTo((5.0 / 6.0 + 1 + 1) / 3, within(EXACT));
    assertThat(report.medMnist().auc()).isCloseTo((7.0 / 8.0 + 1 + 1) / 3, within(EXACT));
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void warnsWhenAccuracyIsTheMajorityRateAndAClassIsNeverRecalled() {
    // A perfect ranking (AUC 1) whose positives all score below 0.5: every image is predicted 0,
    // so ACC 0.8 equals the majority rate and class 1's recall is 0.
    ClassificationReport report =
        ClassificationReport.of(
            binary(
                new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1},
                0.1f,
                0.1f,
                0.15f,
                0.2f,
                0.2f,
                0.25f,
                0.3f,
                0.3f,
                0.4f,
                0.45f));

    assertThat(report.medMnist().auc()).isEqualTo(1.0);
    assertThat(report.warnings())
        .extracting(MetricWarning::kind, MetricWarning::classIndex)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MetricWarning.Kind.ACCURACY_AT_MAJORITY_BASELINE, -1),
            org.assertj.core.groups.Tuple.tuple(MetricWarning.Kind.CLASS_RARELY_RECALLED, 1));
  }

  @Test
  void noRareRecallWarningWhenTheAucDoesNotLookGood() {
    // Positives below every negative: AUC 0, so a zero recall is no hidden surprise.
    ClassificationReport report =
        ClassificationReport.of(binary(new int[] {0, 0, 1}, 0.9f, 0.8f, 0.1f));

    assertThat(report.recall()).containsExactly(0.0, 0.0);
    assertThat(report.warnings())
        .extracting(MetricWarning::kind)
        .containsExactly(MetricWarning.Kind.ACCURACY_AT_MAJORITY_BASELINE);
  }

  @Test
  void aSingleClassTestSetIsRefusedNotNaN() {
    assertThatThrownBy(() -> ClassificationReport.of(binary(new int[] {0, 0, 0}, 0.2f, 0.7f, 0.1f)))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("all 3 test images have label 0");
  }

  @Test
  void aMultiClassTestSetMissingAClassIsRefused() {
    float[] scores = {0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f};
    assertThatThrownBy(
            () ->
                ClassificationReport.of(
                    new Predictions(TaskType.MULTI_CLASS, 3, new int[] {0, 1}, scores)))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("class 2 has no test image");
  }
}
