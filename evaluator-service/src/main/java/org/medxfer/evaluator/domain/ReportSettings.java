package org.medxfer.evaluator.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * How a study report is computed.
 *
 * @param targetValAuc validation AUC that counts as converged, in (0, 1]
 * @param resamples bootstrap resamples per comparison
 * @param seed bootstrap seed
 * @param confidence coverage of the intervals, in (0, 1)
 */
public record ReportSettings(double targetValAuc, int resamples, long seed, double confidence) {

  /** Target validation AUC when a request leaves it at 0. */
  public static final double DEFAULT_TARGET_VAL_AUC = 0.8;

  /** Resamples when a request leaves them at 0: the fewest the issue accepts. */
  public static final int DEFAULT_RESAMPLES = PairedBootstrap.MIN_RESAMPLES;

  /** The most resamples a request may ask for (bounds the time of one report). */
  public static final int MAX_RESAMPLES = 100_000;

  /** Coverage when a request leaves it at 0. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  /**
   * The settings of a request's raw fields, 0 meaning the default.
   *
   * @throws InvalidRequestException naming every field out of range
   */
  public static ReportSettings resolve(
      double targetValAuc, int resamples, long seed, double confidence) {
    List<FieldProblem> problems = new ArrayList<>();
    double target = targetValAuc == 0 ? DEFAULT_TARGET_VAL_AUC : targetValAuc;
    if (!(target > 0 && target <= 1)) {
      problems.add(new FieldProblem("target_val_auc", "must be in (0, 1], got " + targetValAuc));
    }
    int draws = resamples == 0 ? DEFAULT_RESAMPLES : resamples;
    if (draws < PairedBootstrap.MIN_RESAMPLES || draws > MAX_RESAMPLES) {
      problems.add(
          new FieldProblem(
              "bootstrap_resamples",
              "must be 0 (default %d) or in [%d, %d], got %d"
                  .formatted(
                      DEFAULT_RESAMPLES, PairedBootstrap.MIN_RESAMPLES, MAX_RESAMPLES, resamples)));
    }
    double coverage = confidence == 0 ? DEFAULT_CONFIDENCE : confidence;
    if (!(coverage > 0 && coverage < 1)) {
      problems.add(new FieldProblem("confidence", "must be in (0, 1), got " + confidence));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new ReportSettings(target, draws, seed, coverage);
  }
}
