package org.medxfer.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocAucTest {

  @Test
  void perfectRankingIsOneAndReversedIsZero() {
    float[] scores = {0.1f, 0.2f, 0.8f, 0.9f};
    int[] labels = {0, 0, 1, 1};
    assertThat(RocAuc.oneVsRest(scores, labels, 1)).isEqualTo(1.0);
    assertThat(RocAuc.oneVsRest(scores, labels, 0)).isEqualTo(0.0);
  }

  @Test
  void constantScoresGiveExactlyOneHalf() {
    assertThat(RocAuc.oneVsRest(new float[] {0.3f, 0.3f, 0.3f}, new int[] {1, 0, 1}, 1))
        .isEqualTo(0.5);
  }

  @Test
  void matchesPairCountingWithTies() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 300;
    float[] scores = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(2);
      // Coarse scores force many ties.
      scores[i] = random.nextInt(10) / 10f + labels[i] * 0.2f;
    }
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(RocAuc.oneVsRest(scores, labels, 1)).isCloseTo(wins / pairs, within(1e-12));
  }

  @Test
  void undefinedWhenOnlyOneClassIsPresent() {
    assertThat(RocAuc.oneVsRest(new float[] {0.1f, 0.9f}, new int[] {1, 1}, 1)).isNaN();
  }

  @Test
  void binaryTaskScoresClassOne() {
    Scores scores = new Scores(3, 2, new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f});
    assertThat(RocAuc.of(scores, new int[] {0, 1, 0}, TaskType.BINARY)).isEqualTo(1.0);
  }

  @Test
  void multiClassAveragesOneVsRestOverPresentClasses() {
    // Class 0 ranked perfectly, class 1 reversed, class 2 absent from the labels.
    Scores scores =
        new Scores(
            4,
            3,
            new float[] {
              0.9f, 0.0f, 0.1f, //
              0.8f, 0.1f, 0.1f, //
              0.1f, 0.0f, 0.9f, //
              0.2f, 0.0f, 0.8f
            });
    int[] labels = {0, 0, 1, 1};
    assertThat(RocAuc.of(scores, labels, TaskType.MULTI_CLASS))
        .isEqualTo((1.0 + RocAuc.oneVsRest(scores.column(1), labels, 1)) / 2);
  }

  @Test
  void multiLabelAveragesPerLabelAucsAndSkipsALabelWithOneOutcome() {
    // Masks: label 0 present in images 0 and 2, label 1 in images 1 and 2, label 2 in every image
    // (one outcome only, so it is skipped).
    int[] masks = {0b101, 0b110, 0b111, 0b100};
    Scores scores =
        new Scores(
            4,
            3,
            new float[] {
              0.9f, 0.3f, 0.5f, //
              0.2f, 0.4f, 0.5f, //
              0.7f, 0.2f, 0.5f, //
              0.1f, 0.1f, 0.5f
            });
    // Label 0: positives {0.9, 0.7} above negatives {0.2, 0.1}: 4 of 4 pairs, AUC 1.
    // Label 1: positives {0.4, 0.2} vs negatives {0.3, 0.1}: 0.4 > 0.3, 0.4 > 0.1, 0.2 < 0.3,
    // 0.2 > 0.1: 3 of 4 pairs, AUC 0.75.
    assertThat(RocAuc.of(scores, masks, TaskType.MULTI_LABEL)).isEqualTo((1.0 + 0.75) / 2);
  }

  @Test
  void multiLabelTargetsAreTheMaskDecodedAndSingleLabelTargetsOneHot() {
    float[] target = new float[4];
    TaskType.MULTI_LABEL.writeTarget(0b1010, 4, target, 0);
    assertThat(target).containsExactly(0f, 1f, 0f, 1f);
    float[] oneHot = new float[4];
    TaskType.MULTI_CLASS.writeTarget(2, 4, oneHot, 0);
    assertThat(oneHot).containsExactly(0f, 0f, 1f, 0f);
    assertThat(TaskType.MULTI_LABEL.isValidLabel(0b1111, 4)).isTrue();
    assertThat(TaskType.MULTI_LABEL.isValidLabel(0b10000, 4)).isFalse();
    assertThat(TaskType.MULTI_CLASS.isValidLabel(4, 4)).isFalse();
  }
}
