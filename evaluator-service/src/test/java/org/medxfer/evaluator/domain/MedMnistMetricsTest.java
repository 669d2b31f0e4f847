package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MedMnistMetricsTest {

  private static final double EXACT = 1e-12;

  /** Binary predictions from the class-1 scores; column 0 is their complement. */
  private static Predictions binary(int[] labels, float... positiveScores) {
    float[] scores = new float[positiveScores.length * 2];
    for (int i = 0; i < positiveScores.length; i++) {
      scores[2 * i] = 1 - positiveScores[i];
      scores[2 * i + 1] = positiveScores[i];
    }
    return new Predictions(TaskType.BINARY, 2, labels, scores);
  }

  @Test
  void binaryAucCountsTiesAsHalfAndAccThresholdsTheClassOneScore() {
    // Positives score 0.4, 0.8, 0.3; negatives 0.1, 0.4, 0.8. Of the 9 pairs the positives win
    // 0.4>0.1, 0.8>0.1, 0.8>0.4, 0.3>0.1 and tie 0.4=0.4, 0.8=0.8: (4 + 2/2) / 9.
    Predictions predictions =
        binary(new int[] {0, 0, 1, 1, 1, 0}, 0.1f, 0.4f, 0.4f, 0.8f, 0.3f, 0.8f);

    TestMetrics metrics = MedMnistMetrics.evaluate(predictions);

    assertThat(metrics.auc()).isCloseTo(5.0 / 9.0, within(EXACT));
    // Predicted positive where the score exceeds 0.5: images 3 and 5; right on 0, 1 and 3.
    assertThat(metrics.acc()).isCloseTo(3.0 / 6.0, within(EXACT));
    assertThat(metrics.count()).isEqualTo(6);
  }

  @Test
  void binaryUsesColumnOneNotColumnZero() {
    // Column 0 deliberately ranks the other way; only column 1 may count.
    float[] scores = {0.9f, 0.2f, 0.1f, 0.7f};
    Predictions predictions = new Predictions(TaskType.BINARY, 2, new int[] {0, 1}, scores);

    TestMetrics metrics = MedMnistMetrics.evaluate(predictions);

    assertThat(metrics.auc()).isEqualTo(1.0);
    assertThat(metrics.acc()).isEqualTo(1.0);
  }

  @Test
  void aScoreOfExactlyHalfIsPredictedNegative() {
    Predictions predictions = binary(new int[] {0, 1, 1, 0}, 0.5f, 0.5f, 0.50001f, 0.2f);

    TestMetrics metrics = MedMnistMetrics.evaluate(predictions);

    // 0.5 is not above the threshold: image 0 (label 0) right, image 1 (label 1) wrong.
    assertThat(metrics.acc()).isCloseTo(3.0 / 4.0, within(EXACT));
  }

  @Test
  void aPerfectClassifierScoresOneAndAnInvertedOneScoresZero() {
    int[] labels = {0, 1, 0, 1, 1, 0};
    float[] perfect = {0.1f, 0.9f, 0.2f, 0.6f, 0.8f, 0.3f};
    float[] inverted = new float[perfect.length];
    for (int i = 0; i < perfect.length; i++) {
      inverted[i] = 1 - perfect[i];
    }

    TestMetrics best = MedMnistMetrics.evaluate(binary(labels, perfect));
    TestMetrics worst = MedMnistMetrics.evaluate(binary(labels, inverted));

    assertThat(best.auc()).isEqualTo(1.0);
    assertThat(best.acc()).isEqualTo(1.0);
    assertThat(worst.auc()).isEqualTo(0.0);
    assertThat(worst.acc()).isEqualTo(0.0);
  }

  @Test
  void aConstantScorerHasAucOneHalf() {
    TestMetrics metrics =
        MedMnistMetrics.evaluate(binary(new int[] {0, 1, 1, 0, 1}, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f));

    assertThat(metrics.auc()).isEqualTo(0.5);
    assertThat(metrics.acc()).isCloseTo(2.0 / 5.0, within(EXACT));
  }

  /**
   * Three classes, six images. One-vs-rest AUCs by hand: class 0 (positives 0.7, 0.3 against 0.2,
   * 0.1, 0.5, 0.2) 7/8; class 1 (positives 0.5, 0.3 against 0.2, 0.3, 0.4, 0.2, one tie) 6.5/8;
   * class 2 (0.6, 0.6 above everything) 1. Argmax is right on images 0, 1, 2 and 5.
   */
  private static final int[] MULTI_LABELS = {0, 1, 2, 0, 1, 2};

  private static final float[] MULTI_SCORES = {
    0.7f, 0.2f, 0.1f, //
    0.2f, 0.5f, 0.3f, //
    0.1f, 0.3f, 0.6f, //
    0.3f, 0.4f, 0.3f, //
    0.5f, 0.3f, 0.2f, //
    0.2f, 0.2f, 0.6f
  };

  @Test
  void multiClassAucIsTheMacroMeanOfOneVsRestAucsAndAccIsArgmax() {
    Predictions predictions = new Predictions(TaskType.MULTI_CLASS, 3, MULTI_LABELS, MULTI_SCORES);

    TestMetrics metrics = MedMnistMetrics.evaluate(predictions);

    assertThat(metrics.auc()).isCloseTo((7.0 / 8 + 6.5 / 8 + 1.0) / 3, within(EXACT));
    assertThat(metrics.acc()).isCloseTo(4.0 / 6.0, within(EXACT));
    assertThat(metrics.count()).isEqualTo(6);
  }

  @Test
  void ordinalTasksAreScoredLikeMultiClass() {
    TestMetrics ordinal =
        MedMnistMetrics.evaluate(new Predictions(TaskType.ORDINAL, 3, MULTI_LABELS, MULTI_SCORES));

    assertThat(ordinal.auc()).isCloseTo((7.0 / 8 + 6.5 / 8 + 1.0) / 3, within(EXACT));
    assertThat(ordinal.acc()).isCloseTo(4.0 / 6.0, within(EXACT));
  }

  @Test
  void argmaxTiesGoToTheFirstClassLikeNumpy() {
    float[] scores = {
      0.4f, 0.4f, 0.2f, // tie between 0 and 1: predicts 0, label 1, wrong
      0.1f, 0.45f, 0.45f, // tie between 1 and 2: predicts 1, label 1, right
      0.1f, 0.2f, 0.7f, // predicts 2, label 2, right
      0.8f, 0.1f, 0.1f // predicts 0, label 0, right
    };

    TestMetrics metrics =
        MedMnistMetrics.evaluate(
            new Predictions(TaskType.MULTI_CLASS, 3, new int[] {1, 1, 2, 0}, scores));

    assertThat(metrics.acc()).isCloseTo(3.0 / 4.0, within(EXACT));
  }

  @Test
  void aSingleClassTestSetIsAClearErrorNotNaN() {
    Predictions predictions = binary(new int[] {1, 1, 1}, 0.2f, 0.7f, 0.9f);

    assertThatThrownBy(() -> MedMnistMetrics.evaluate(predictions))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("all 3 test images have label 1");
  }

  @Test
  void aMultiClassTestSetMissingAClassIsAnError() {
    float[] scores = {0.6f, 0.3f, 0.1f, 0.2f, 0.7f, 0.1f};

    assertThatThrownBy(
            () ->
                MedMnistMetrics.evaluate(
                    new Predictions(TaskType.MULTI_CLASS, 3, new int[] {0, 1}, scores)))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("class 2 has no test image");
  }

  @Test
  void aNaNScoreIsAClearError() {
    Predictions predictions = binary(new int[] {0, 1, 1}, 0.2f, Float.NaN, 0.9f);

    assertThatThrownBy(() -> MedMnistMetrics.evaluate(predictions))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("image 1")
        .hasMessageContaining("NaN");
  }

  @Test
  void anEmptyTestSetIsAnError() {
    Predictions predictions = new Predictions(TaskType.BINARY, 2, new int[0], new float[0]);

    assertThatThrownBy(() -> MedMnistMetrics.evaluate(predictions))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void multiLabelMasksAreDecodedIntoLabelSetsAndScoredPerLabel() {
    // Masks 0b01, 0b10, 0b11, 0b00: label 0 in images 0 and 2, label 1 in images 1 and 2.
    Predictions predictions =
        new Predictions(
            TaskType.MULTI_LABEL,
            2,
            new int[] {1, 2, 3, 0},
            new float[] {0.9f, 0.2f, 0.1f, 0.6f, 0.7f, 0.4f, 0.3f, 0.5f});

    assertThat(predictions.labelMatrix()).containsExactly(1, 0, 0, 1, 1, 1, 0, 0);
    // Label 0 ranks both positives (0.9, 0.7) above both negatives: AUC 1. Label 1: positives
    // (0.6, 0.4) against negatives (0.2, 0.5): 3 of 4 pairs, AUC 0.75. ACC at 0.5: label 0 gets
    // 4 of 4, label 1 gets 3 of 4 (image 2's 0.4 misses).
    TestMetrics metrics = MedMnistMetrics.evaluate(predictions);
    assertThat(metrics.auc()).isCloseTo((1 + 0.75) / 2, within(1e-12));
    assertThat(metrics.acc()).isCloseTo((1 + 0.75) / 2, within(1e-12));
    assertThat(metrics.count()).isEqualTo(4);
  }

  @Test
  void aMultiLabelMaskWithABitBeyondTheLabelsIsRefused() {
    assertThatThrownBy(
            () ->
                new Predictions(
                    TaskType.MULTI_LABEL,
                    2,
                    new int[] {1, 4},
                    new float[] {0.1f, 0.2f, 0.3f, 0.4f}))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("label mask of image 1 is 4, which sets a bit outside the 2 labels");
  }

  @Test
  void binaryNeedsExactlyTwoScoreColumns() {
    Predictions predictions =
        new Predictions(TaskType.BINARY, 3, new int[] {0, 1}, new float[] {1, 0, 0, 0, 1, 0});

    assertThatThrownBy(() -> MedMnistMetrics.evaluate(predictions))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("2 score columns");
  }

  @Test
  void shapesAndLabelsAreCheckedOnConstruction() {
    assertThatThrownBy(
            () -> new Predictions(TaskType.BINARY, 2, new int[] {0, 1}, new float[] {1, 0, 0}))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("need 4 scores, got 3");
    assertThatThrownBy(
            () -> new Predictions(TaskType.BINARY, 2, new int[] {0, 2}, new float[] {1, 0, 0, 1}))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("label of image 1 is 2");
  }

  @Test
  void rocAucEqualsTheDefinitionOverAllPairsOnRandomScoresWithTies() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      float[] positives = randomScores(random, 1 + random.nextInt(40));
      float[] negatives = randomScores(random, 1 + random.nextInt(40));

      double pairs = 0;
      for (float p : positives) {
        for (float n : negatives) {
          pairs += p > n ? 1 : p == n ? 0.5 : 0;
        }
      }

      assertThat(MedMnistMetrics.rocAuc(positives, negatives))
          .isCloseTo(pairs / (positives.length * negatives.length), within(EXACT));
    }
  }

  private static float[] randomScores(Random random, int count) {
    float[] scores = new float[count];
    for (int i = 0; i < count; i++) {
      // Coarse steps make ties common, -0.0 included, which must tie with 0.0.
      scores[i] = random.nextInt(6) / 5f * (random.nextBoolean() ? 1 : -1);
    }
    return scores;
  }
}
