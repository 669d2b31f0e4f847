package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.medxfer.evaluator.infra.stats.CommonsMathDistributions;

class FriedmanChiSquareTest {

  private final FriedmanChiSquare friedman = new FriedmanChiSquare(new CommonsMathDistributions());

  @Test
  void demsarsFourC45VariantsOnFourteenDataSets() {
    // Demšar (2006), JMLR 7, §3.2.4: average ranks 3.143, 2.000, 2.893, 1.964 over N = 14 give
    // χ²_F = 9.28. The p-value (df 3) is scipy.stats.chi2.sf(9.2836296, 3).
    FriedmanChiSquare.Result result =
        friedman.fromAverageRanks(new double[] {3.143, 2.0, 2.893, 1.964}, 14);

    assertThat(result.chiSquare()).isCloseTo(9.28, within(0.005));
    assertThat(result.degreesOfFreedom()).isEqualTo(3);
    assertThat(result.pValue()).isCloseTo(0.025748158001561782, within(1e-9));
  }

  @Test
  void ranksEachDataSetBestFirstWithTiesSharingTheMeanRank() {
    double[][] auc = {
      {0.90, 0.80, 0.70}, // ranks 1, 2, 3
      {0.85, 0.80, 0.60}, // 1, 2, 3
      {0.70, 0.75, 0.60}, // 2, 1, 3
      {0.90, 0.90, 0.50} // 1.5, 1.5, 3
    };

    FriedmanChiSquare.Result result = friedman.test(auc);

    assertThat(result.averageRanks()).containsExactly(5.5 / 4, 6.5 / 4, 3.0);
    // 12·4 / (3·4) · (1.375² + 1.625² + 3² − 3·4²/4) = 4 · 1.53125.
    assertThat(result.chiSquare()).isCloseTo(6.125, within(1e-12));
    // With 2 degrees of freedom the chi-square tail is exactly exp(−x/2).
    assertThat(result.pValue()).isCloseTo(Math.exp(-6.125 / 2), within(1e-12));
  }

  @Test
  void refusesRaggedOrTooSmallInput() {
    assertThatThrownBy(() -> friedman.test(new double[][] {{0.5, 0.6}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 data sets");
    assertThatThrownBy(() -> friedman.test(new double[][] {{0.5, 0.6}, {0.5}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data set 1 has 1 arms");
  }
}
