package org.medxfer.evaluator.infra.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.medxfer.evaluator.domain.Distributions;

/** {@link Distributions} backed by Apache Commons Math 3. */
public final class CommonsMathDistributions implements Distributions {

  // Immutable and thread-safe for cdf(); passing a null generator avoids creating a random
  // generator that sampling would need and the tests never use.
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  @Override
  public double normalCdf(double z) {
    return STANDARD_NORMAL.cumulativeProbability(z);
  }

  @Override
  public double chiSquareCdf(double x, int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "chi-square needs at least 1 degree of freedom, got " + degreesOfFreedom);
    }
    return new ChiSquaredDistribution(null, degreesOfFreedom).cumulativeProbability(x);
  }
}
