package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medxfer.common.domain.RocAuc;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;

class DeLongComparisonTest {

  private final DeLongComparison deLong = new DeLongComparison(new CommonsMathDistributions());

  @Test
  void smallExampleComputedByHand() {
    // Positives are images 0 and 1. A separates perfectly: every component is 1, variance 0.
    // B: positives 0.8, 0.3; negatives 0.5, 0.1. V10 = (1, 1/2), V01 = (1/2, 1), AUC 3/4.
    // Var(ΔAUC) = var(V10_B)/2 + var(V01_B)/2 = 0.125/2 + 0.125/2 = 0.125; z = 0.25/√0.125 = 1/√2.
    DeLongComparison.Result result =
        deLong.test(
            new int[] {1, 1, 0, 0},
            new float[] {0.9f, 0.6f, 0.4f, 0.2f},
            new float[] {0.8f, 0.3f, 0.5f, 0.1f});

    assertThat(result.aucA()).isEqualTo(1.0);
    assertThat(result.aucB()).isEqualTo(0.75);
    assertThat(result.delta()).isEqualTo(0.25);
    assertThat(result.variance()).isCloseTo(0.125, within(1e-15));
    assertThat(result.z()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
    // 2(1 - Φ(1/√2)), from scipy.stats.norm.sf.
    assertThat(result.pValue()).isCloseTo(0.4795001221869535, within(1e-9));
  }

  @Test
  void matchesABruteForceComputationOfTheStructuralComponentsWithTies() {
    Random random = new Random(11);
    int size = 80;
    int[] labels = new int[size];
    float[] a = new float[size];
    float[] b = new float[size];
    for (int i = 0; i < size; i++) {
      labels[i] = random.nextInt(3) == 0 ? 1 : 0;
      double shared = random.nextGaussian();
      // Scores rounded to one decimal so that ties within and across groups are frequent; the
      // shared term correlates the arms as two models of the same images are.
      a[i] = Math.round((labels[i] * 1.2 + shared + 0.5 * random.nextGaussian()) * 10) / 10f;
      b[i] = Math.round((labels[i] * 0.6 + shared + 0.5 * random.nextGaussian()) * 10) / 10f;
    }

    DeLongComparison.Result result = deLong.test(labels, a, b);

    BruteForce expected = BruteForce.of(labels, a, b);
    assertThat(result.aucA()).isCloseTo(expected.aucA, within(1e-12));
    assertThat(result.aucB()).isCloseTo(expected.aucB, within(1e-12));
    assertThat(result.variance()).isCloseTo(expected.variance, within(1e-12));
    assertThat(result.standardError()).isCloseTo(Math.sqrt(expected.variance), within(1e-12));
    assertThat(result.z())
        .isCloseTo((expected.aucA - expected.aucB) / Math.sqrt(expected.variance), within(1e-9));
    assertThat(result.pValue())
        .isCloseTo(
            2 * new CommonsMathDistributions().normalCdf(-Math.abs(result.z())), within(1e-12));
    // The AUC is the shared implementation's.
    assertThat(result.aucA()).isEqualTo(RocAuc.oneVsRest(a, labels, 1));
  }

  @Test
  void binaryPredictionsAreComparedOnTheirClassOneScores() {
    int[] labels = {1, 1, 0, 0};
    // Column 0 ranks the other way; only column 1 may count (the hand example above).
    Predictions a =
        new Predictions(
            TaskType.BINARY, 2, labels, new float[] {0, 0.9f, 1, 0.6f, 0, 0.4f, 1, 0.2f});
    Predictions b =
        new Predictions(
            TaskType.BINARY, 2, labels, new float[] {0, 0.8f, 1, 0.3f, 0, 0.5f, 1, 0.1f});

    assertThat(deLong.test(a, b))
        .isEqualTo(
            deLong.test(
                labels,
                new float[] {0.9f, 0.6f, 0.4f, 0.2f},
                new float[] {0.8f, 0.3f, 0.5f, 0.1f}));
    Predictions otherLabels =
        new Predictions(TaskType.BINARY, 2, new int[] {0, 1, 1, 0}, b.scores());
    assertThatThrownBy(() -> deLong.test(a, otherLabels))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("same test set");
  }

  @Test
  void identicalArmsShowNoDifference() {
    float[] scores = {0.9f, 0.3f, 0.5f, 0.1f, 0.7f};
    DeLongComparison.Result result = deLong.test(new int[] {1, 1, 0, 0, 0}, scores, scores.clone());

    assertThat(result.delta()).isZero();
    assertThat(result.pValue()).isEqualTo(1.0);
  }

  @Test
  void refusesTooFewImagesOfAClassAndNonBinaryLabels() {
    float[] scores = {0.9f, 0.3f, 0.5f};
    assertThatThrownBy(() -> deLong.test(new int[] {1, 0, 0}, scores, scores))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("at least 2 positives and 2 negatives");
    assertThatThrownBy(() -> deLong.test(new int[] {1, 2, 0}, scores, scores))
        .isInstanceOf(InvalidPredictionsException.class)
        .hasMessageContaining("binary labels");
  }

  /** DeLong et al.'s formulas evaluated literally, over every (positive, negative) pair. */
  private record BruteForce(double aucA, double aucB, double variance) {

    static BruteForce of(int[] labels, float[] a, float[] b) {
      int m = 0;
      for (int label : labels) {
        m += label;
      }
      int n = labels.length - m;
      double[] v10a = new double[m];
      double[] v10b = new double[m];
      double[] v01a = new double[n];
      double[] v01b = new double[n];
      int p = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] != 1) {
          continue;
        }
        int q = 0;
        for (int j = 0; j < labels.length; j++) {
          if (labels[j] != 0) {
            continue;
          }
          double psiA = psi(a[i], a[j]);
          double psiB = psi(b[i], b[j]);
          v10a[p] += psiA / n;
          v10b[p] += psiB / n;
          v01a[q] += psiA / m;
          v01b[q] += psiB / m;
          q++;
        }
        p++;
      }
      double aucA = mean(v10a);
      double aucB = mean(v10b);
      double s10 = cov(v10a, v10a) + cov(v10b, v10b) - 2 * cov(v10a, v10b);
      double s01 = cov(v01a, v01a) + cov(v01b, v01b) - 2 * cov(v01a, v01b);
      return new BruteForce(aucA, aucB, s10 / m + s01 / n);
    }

    static double psi(float positive, float negative) {
      return positive > negative ? 1 : positive == negative ? 0.5 : 0;
    }

    static double mean(double[] x) {
      double sum = 0;
      for (double v : x) {
        sum += v;
      }
      return sum / x.length;
    }

    static double cov(double[] x, double[] y) {
      double mx = mean(x);
      double my = mean(y);
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        sum += (x[i] - mx) * (y[i] - my);
      }
      return sum / (x.length - 1);
    }
  }
}
