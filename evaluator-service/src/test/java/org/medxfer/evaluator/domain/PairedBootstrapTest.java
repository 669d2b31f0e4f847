package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;

class PairedBootstrapTest {

  /**
   * Binormal arms: a class-1 score is shift × label + N(0, 1), so the population AUC is Φ(shift /
   * √2), and the true ΔAUC is known exactly.
   */
  private static Predictions binormal(int[] labels, double shift, Random random) {
    float[] scores = new float[labels.length * 2];
    for (int i = 0; i < labels.length; i++) {
      scores[2 * i + 1] = (float) (shift * labels[i] + random.nextGaussian());
      scores[2 * i] = -scores[2 * i + 1];
    }
    return new Predictions(TaskType.BINARY, 2, labels, scores);
  }

  private static int[] alternatingLabels(int size) {
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      labels[i] = i % 2;
    }
    return labels;
  }

  @Test
  void intervalCoversTheTrueDeltaAucAndTheObservedOne() {
    Random random = new Random(3);
    int[] labels = alternatingLabels(400);
    Predictions a = binormal(labels, 1.5, random);
    Predictions b = binormal(labels, 0.5, random);
    CommonsMathDistributions normal = new CommonsMathDistributions();
    double trueDelta = normal.normalCdf(1.5 / Math.sqrt(2)) - normal.normalCdf(0.5 / Math.sqrt(2));

    PairedBootstrap.Interval interval = PairedBootstrap.deltaAuc(a, b, 1000, 0.95, 42);

    assertThat(interval.delta())
        .isCloseTo(
            MedMnistMetrics.evaluate(a).auc() - MedMnistMetrics.evaluate(b).auc(), within(1e-15));
    assertThat(interval.lower()).isLessThan(interval.delta()).isLessThan(trueDelta);
    assertThat(interval.upper()).isGreaterThan(interval.delta()).isGreaterThan(trueDelta);
    assertThat(interval.resamples()).isEqualTo(1000);
    assertThat(interval.redrawn()).isZero();
  }

  @Test
  void theSameSeedReproducesTheIntervalAndAnotherSeedDoesNot() {
    Random random = new Random(5);
    int[] labels = alternatingLabels(60);
    Predictions a = binormal(labels, 1.0, random);
    Predictions b = binormal(labels, 0.8, random);

    PairedBootstrap.Interval first = PairedBootstrap.deltaAuc(a, b, 1000, 0.95, 7);
    PairedBootstrap.Interval again = PairedBootstrap.deltaAuc(a, b, 1000, 0.95, 7);
    PairedBootstrap.Interval other = PairedBootstrap.deltaAuc(a, b, 1000, 0.95, 8);

    assertThat(again).isEqualTo(first);
    assertThat(other.lower()).isNotEqualTo(first.lower());
  }

  @Test
  void resamplesWithoutAPositiveAreRedrawnAndCounted() {
    // One positive in 12: about (11/12)^12 ≈ 35% of draws miss it.
    int[] labels = new int[12];
    labels[0] = 1;
    Random random = new Random(1);
    Predictions a = binormal(labels, 2, random);
    Predictions b = binormal(labels, 0, random);

    PairedBootstrap.Interval interval = PairedBootstrap.deltaAuc(a, b, 1000, 0.9, 1);

    assertThat(interval.resamples()).isEqualTo(1000);
    assertThat(interval.redrawn()).isBetween(300L, 800L);
    assertThat(interval.lower()).isLessThanOrEqualTo(interval.upper());
  }

  @Test
  void refusesATestSetTooSmallForItsClasses() {
    // Ten classes with one image each: a resample holds all ten in 10!/10^10 ≈ 0.04% of draws.
    int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] scores = new float[100];
    for (int i = 0; i < 10; i++) {
      scores[i * 10 + i] = 1;
    }
    Predictions predictions = new Predictions(TaskType.MULTI_CLASS, 10, labels, scores);

    assertThatThrownBy(() -> PairedBootstrap.deltaAuc(predictions, predictions, 1000, 0.95, 1))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("too small");
  }

  @Test
  void refusesArmsOnDifferentTestSetsAndTooFewResamples() {
    Random random = new Random(2);
    Predictions a = binormal(new int[] {0, 1, 0, 1}, 1, random);
    Predictions b = binormal(new int[] {1, 0, 0, 1}, 1, random);

    assertThatThrownBy(() -> PairedBootstrap.deltaAuc(a, b, 1000, 0.95, 1))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("same test set");
    assertThatThrownBy(() -> PairedBootstrap.deltaAuc(a, a, 999, 0.95, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void percentileInterpolatesLinearlyAsNumpy() {
    double[] sorted = {1, 2, 3, 4, 5};
    // numpy.percentile([1..5], 2.5) = 1 + 0.025*4 = 1.1; 97.5 -> 4.9.
    assertThat(PairedBootstrap.percentile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
    assertThat(PairedBootstrap.percentile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
  }

  @Test
  void resampledAucCountingDrawsEqualsMedMnistAucOfTheBuiltResampleWithTies() {
    Random random = new Random(11);
    int n = 300;
    int[] labels = new int[n];
    float[] binary = new float[n * 2];
    float[] multi = new float[n * 3];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      // Scores rounded to tenths, so that ties are frequent.
      float score = Math.round(random.nextFloat() * 10) / 10f;
      binary[2 * i + 1] = score;
      binary[2 * i] = 1 - score;
      for (int c = 0; c < 3; c++) {
        multi[3 * i + c] = Math.round(random.nextFloat() * 10) / 10f;
      }
    }
    int[] binaryLabels = Arrays.stream(labels).map(l -> l == 0 ? 0 : 1).toArray();
    Predictions twoClasses = new Predictions(TaskType.BINARY, 2, binaryLabels, binary);
    Predictions threeClasses = new Predictions(TaskType.MULTI_CLASS, 3, labels, multi);
    // Three labels as masks: every label set from none to all three.
    int[] masks = IntStream.range(0, n).map(i -> i % 8).toArray();
    Predictions threeLabels = new Predictions(TaskType.MULTI_LABEL, 3, masks, multi);
    for (Predictions predictions : new Predictions[] {twoClasses, threeClasses, threeLabels}) {
      PairedBootstrap.ResampledAuc fast = new PairedBootstrap.ResampledAuc(predictions);
      for (int r = 0; r < 20; r++) {
        int[] drawn = new int[n];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
          drawn[i] = random.nextInt(n);
          counts[drawn[i]]++;
        }
        double expected =
            MedMnistMetrics.evaluate(PairedBootstrap.resample(predictions, drawn)).auc();
        assertThat(fast.auc(counts)).isCloseTo(expected, within(1e-12));
      }
    }
  }

  @Test
  void multiLabelArmsGetAnIntervalAroundTheirMeanPerLabelAucDelta() {
    Random random = new Random(19);
    int n = 200;
    int[] masks = IntStream.range(0, n).map(i -> random.nextInt(4)).toArray();
    float[] better = new float[n * 2];
    float[] worse = new float[n * 2];
    for (int i = 0; i < n; i++) {
      for (int label = 0; label < 2; label++) {
        int present = masks[i] >>> label & 1;
        better[2 * i + label] = (float) (random.nextGaussian() + 1.5 * present);
        worse[2 * i + label] = (float) (random.nextGaussian() + 0.3 * present);
      }
    }
    Predictions a = new Predictions(TaskType.MULTI_LABEL, 2, masks, better);
    Predictions b = new Predictions(TaskType.MULTI_LABEL, 2, masks, worse);

    PairedBootstrap.Interval interval =
        PairedBootstrap.meanDeltaAuc(List.of(a), List.of(b), 1000, 0.95, 7);

    assertThat(interval.delta())
        .isCloseTo(
            MedMnistMetrics.evaluate(a).auc() - MedMnistMetrics.evaluate(b).auc(), within(1e-12));
    assertThat(interval.lower()).isPositive().isLessThan(interval.delta());
    assertThat(interval.upper()).isGreaterThan(interval.delta());
  }

  @Test
  void meanOverOnePairIsTheSingleDeltaAndOverPairsTheMeanOfTheirDeltas() {
    Random random = new Random(13);
    int[] labels = alternatingLabels(200);
    Predictions a1 = binormal(labels, 1.2, random);
    Predictions b1 = binormal(labels, 0.6, random);
    Predictions a2 = binormal(labels, 1.0, random);
    Predictions b2 = binormal(labels, 0.9, random);

    PairedBootstrap.Interval single = PairedBootstrap.deltaAuc(a1, b1, 1000, 0.95, 7);
    PairedBootstrap.Interval one =
        PairedBootstrap.meanDeltaAuc(List.of(a1), List.of(b1), 1000, 0.95, 7);
    PairedBootstrap.Interval two =
        PairedBootstrap.meanDeltaAuc(List.of(a1, a2), List.of(b1, b2), 1000, 0.95, 7);

    assertThat(one).isEqualTo(single);
    double delta1 = MedMnistMetrics.evaluate(a1).auc() - MedMnistMetrics.evaluate(b1).auc();
    double delta2 = MedMnistMetrics.evaluate(a2).auc() - MedMnistMetrics.evaluate(b2).auc();
    assertThat(two.delta()).isCloseTo((delta1 + delta2) / 2, within(1e-15));
    assertThat(two.lower()).isLessThan(two.delta());
    assertThat(two.upper()).isGreaterThan(two.delta());
  }

  @Test
  void pairsOnDifferentTestSetsAreRefused() {
    Random random = new Random(17);
    Predictions a = binormal(alternatingLabels(40), 1, random);
    int[] other = alternatingLabels(40);
    other[0] = 1 - other[0];
    other[1] = 1 - other[1];
    Predictions b = binormal(other, 1, random);

    assertThatThrownBy(
            () -> PairedBootstrap.meanDeltaAuc(List.of(a, a), List.of(a, b), 1000, 0.95, 1))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("same test set");
  }
}
