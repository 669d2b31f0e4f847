package org.medxfer.common.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {

  @Test
  void perfectInvertedAndConstantScorers() {
    float[] scores = {0.1f, 0.4f, 0.35f, 0.8f};
    int[] labels = {0, 0, 1, 1};

    assertThat(RocAuc.oneVsRest(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, labels, 1)).isEqualTo(1.0);
    assertThat(RocAuc.oneVsRest(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, labels, 0)).isEqualTo(0.0);
    assertThat(RocAuc.oneVsRest(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, labels, 1)).isEqualTo(0.5);
    // The scikit-learn documentation's example: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) =
    // 0.75.
    assertThat(RocAuc.oneVsRest(scores, labels, 1)).isEqualTo(0.75);
  }

  @Test
  void tiesCountOneHalf() {
    // Pairs (positive, negative): (0.5,0.5) tie, (0.5,0.2) win, (0.9,0.5) win, (0.9,0.2) win.
    assertThat(RocAuc.of(new float[] {0.5f, 0.9f}, new float[] {0.5f, 0.2f})).isEqualTo(3.5 / 4);
  }

  @Test
  void equalsTheAllPairsDefinitionOnRandomScoresWithTies() {
    Random random = new Random(7);
    for (int round = 0; round < 100; round++) {
      float[] positives = new float[1 + random.nextInt(30)];
      float[] negatives = new float[1 + random.nextInt(30)];
      for (int i = 0; i < positives.length; i++) {
        positives[i] = random.nextInt(5) / 4f;
      }
      for (int i = 0; i < negatives.length; i++) {
        negatives[i] = random.nextInt(5) / 4f;
      }
      double wins = 0;
      for (float p : positives) {
        for (float n : negatives) {
          wins += p > n ? 1 : p == n ? 0.5 : 0;
        }
      }
      assertThat(RocAuc.of(positives, negatives))
          .isCloseTo(wins / (positives.length * negatives.length), within(1e-12));
    }
  }

  @Test
  void undefinedCasesAreRefusedNotNaN() {
    assertThat(RocAuc.isDefined(new int[] {1, 1}, 1)).isFalse();
    assertThat(RocAuc.isDefined(new int[] {0, 1}, 1)).isTrue();
    assertThatThrownBy(() -> RocAuc.oneVsRest(new float[] {0.1f, 0.9f}, new int[] {1, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 negatives");
    assertThatThrownBy(() -> RocAuc.of(new float[] {Float.NaN}, new float[] {0.1f}))
        .hasMessageContaining("NaN");
  }
}
