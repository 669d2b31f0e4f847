package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;

class WilcoxonSignedRankTest {

  private final WilcoxonSignedRank wilcoxon =
      new WilcoxonSignedRank(new CommonsMathDistributions());

  @Test
  void demsarTableTwoC45WithAndWithoutCuttingTheM() {
    // Demšar (2006), JMLR 7, Table 2: AUC of C4.5 with m = 0 and with m tuned on 14 data sets.
    // The paper ranks the differences (two zeros share 1.5, two |0.005| share 3.5) and gets
    // R+ = 93, R- = 12, T = 12, significant at 0.05 (critical value 21 for N = 14).
    double[] tuned = {
      0.768, 0.591, 0.971, 0.661, 0.888, 0.931, 0.668, 0.583, 0.838, 1.000, 0.962, 0.666, 0.981,
      0.978
    };
    double[] plain = {
      0.763, 0.599, 0.954, 0.628, 0.882, 0.936, 0.661, 0.583, 0.775, 1.000, 0.940, 0.619, 0.972,
      0.957
    };

    WilcoxonSignedRank.Result result = wilcoxon.test(tuned, plain);

    assertThat(result.n()).isEqualTo(14);
    assertThat(result.rankSumPositive()).isEqualTo(93.0);
    assertThat(result.rankSumNegative()).isEqualTo(12.0);
    assertThat(result.statistic()).isEqualTo(12.0);
    assertThat(result.method()).isEqualTo(WilcoxonSignedRank.Method.NORMAL_APPROXIMATION);
    // z = (12 - 14*15/4) / sqrt(14*15*29/24 - (2^3-2 + 2^3-2)/48) = -40.5 / sqrt(253.5).
    assertThat(result.z()).isCloseTo(-40.5 / Math.sqrt(253.5), within(1e-12));
    // scipy.stats.wilcoxon(d, zero_method="zsplit", correction=False, method="approx").pvalue
    assertThat(result.pValue()).isCloseTo(0.01096849656422473, within(1e-12));
  }

  @Test
  void exactPValueForFiveWinsOutOfFive() {
    // All 2^5 sign patterns equally likely; T = 0 only for all + or all -: p = 2/32.
    WilcoxonSignedRank.Result result =
        wilcoxon.test(
            new double[] {0.91, 0.82, 0.73, 0.64, 0.55}, new double[] {0.9, 0.8, 0.7, 0.6, 0.5});

    assertThat(result.statistic()).isZero();
    assertThat(result.method()).isEqualTo(WilcoxonSignedRank.Method.EXACT);
    assertThat(result.pValue()).isCloseTo(2.0 / 32, within(1e-15));
  }

  @Test
  void exactPValueWhenOnlyTheSmallestDifferenceIsNegative() {
    // Ranks 1..6 with rank 1 negative: T = 1; P(T <= 1) counts sums 0 and 1: 2/64, doubled.
    WilcoxonSignedRank.Result result =
        wilcoxon.test(new double[] {1, 2, 3, 4, 5, -0.5}, new double[6]);

    assertThat(result.rankSumNegative()).isEqualTo(1.0);
    assertThat(result.rankSumPositive()).isEqualTo(20.0);
    assertThat(result.pValue()).isCloseTo(4.0 / 64, within(1e-15));
  }

  @Test
  void exactPValueMatchesScipyForTwelvePairs() {
    // numpy.random.default_rng(7).normal(size=12) rounded to 3 decimals;
    // scipy.stats.wilcoxon(x, method="exact") gives statistic 31, p 0.5693359375 (= 2332/4096).
    double[] x = {
      0.001, 0.299, -0.274, -0.891, -0.455, -0.992, 0.06, 1.34, -0.492, -0.62, 0.49, 0.357
    };

    WilcoxonSignedRank.Result result = wilcoxon.test(x, new double[12]);

    assertThat(result.statistic()).isEqualTo(31.0);
    assertThat(result.pValue()).isCloseTo(0.5693359375, within(1e-15));
  }

  @Test
  void anOddNumberOfZeroDifferencesDropsOne() {
    WilcoxonSignedRank.Result result =
        wilcoxon.test(new double[] {0.5, 0.6, 0.7, 0.9}, new double[] {0.5, 0.6, 0.7, 0.8});

    // Three zeros: one dropped, two share ranks 1 and 2 (1.5 each), split half to each side.
    assertThat(result.n()).isEqualTo(3);
    assertThat(result.rankSumPositive()).isEqualTo(3 + 1.5);
    assertThat(result.rankSumNegative()).isEqualTo(1.5);
  }
}
