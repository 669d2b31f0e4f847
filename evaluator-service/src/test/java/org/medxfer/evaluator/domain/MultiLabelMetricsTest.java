package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultiLabelMetricsTest {

  @Test
  void aucAndAccAreMeansOverLabelsComputedByHand() {
    // 4 images × 2 labels.
    int[] labels = {
      1, 0,
      0, 1,
      1, 1,
      0, 0
    };
    float[] scores = {
      0.9f, 0.2f,
      0.3f, 0.6f,
      0.4f, 0.4f,
      0.4f, 0.5f
    };
    // Label 0: positives {0.9, 0.4}, negatives {0.3, 0.4}: pairs win 1, 1, 1, tie 1/2 → 3.5/4.
    //   ACC: predicted 1,0,0,0 vs 1,0,1,0 → 3/4.
    // Label 1: positives {0.6, 0.4}, negatives {0.2, 0.5}: 0.6 beats both (2), 0.4 beats 0.2 (1)
    //   → 3/4. ACC: predicted 0,1,0,0 (0.5 is not above 0.5) vs 0,1,1,0 → 3/4.
    TestMetrics metrics = MultiLabelMetrics.evaluate(2, labels, scores);

    assertThat(metrics.auc()).isCloseTo((0.875 + 0.75) / 2, within(1e-15));
    assertThat(metrics.acc()).isCloseTo(0.75, within(1e-15));
    assertThat(metrics.count()).isEqualTo(4);
  }

  @Test
  void aLabelPresentInEveryImageIsAClearErrorNotNaN() {
    int[] labels = {1, 0, 1, 1};
    float[] scores = {0.9f, 0.2f, 0.3f, 0.6f};

    assertThatThrownBy(() -> MultiLabelMetrics.evaluate(2, labels, scores))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("label 0 is present in all 2 test images");
  }

  @Test
  void malformedInputIsRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> MultiLabelMetrics.evaluate(2, new int[] {1, 2}, new float[] {0, 0}))
        .hasMessageContaining("are 0 or 1");
    assertThatThrownBy(() -> MultiLabelMetrics.evaluate(2, new int[] {1}, new float[] {0}))
        .hasMessageContaining("n × 2 matrix");
    assertThatThrownBy(() -> MultiLabelMetrics.evaluate(2, new int[0], new float[0]))
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () -> MultiLabelMetrics.evaluate(1, new int[] {1, 0}, new float[] {Float.NaN, 0.1f}))
        .hasMessageContaining("finite");
  }
}
