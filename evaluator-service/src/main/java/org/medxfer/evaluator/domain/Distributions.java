package org.medxfer.evaluator.domain;

/**
 * The probability distributions the statistical tests need, as a port: the domain stays plain Java
 * while a well-kept library (see {@code infra.stats}) supplies the numerics, which are easy to get
 * subtly wrong by hand in the tails.
 */
public interface Distributions {

  /** P(Z ≤ z) for a standard normal Z. */
  double normalCdf(double z);

  /** P(X ≤ x) for X chi-square distributed with {@code degreesOfFreedom} degrees of freedom. */
  double chiSquareCdf(double x, int degreesOfFreedom);
}
