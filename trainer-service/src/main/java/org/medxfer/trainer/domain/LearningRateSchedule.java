package org.medxfer.trainer.domain;

import java.util.Arrays;

/**
 * How the learning rate changes from epoch to epoch. The rate is constant within an epoch, so a
 * resumed trial sees exactly the rates an uninterrupted one saw.
 *
 * @param kind the shape of the schedule
 * @param milestones for {@link Kind#STEP}: ascending fractions of the epochs in (0, 1)
 * @param gamma for {@link Kind#STEP}: the factor applied at each milestone, in (0, 1]
 */
public record LearningRateSchedule(Kind kind, double[] milestones, double gamma) {

  /** The initial rate throughout. */
  public static final LearningRateSchedule CONSTANT =
      new LearningRateSchedule(Kind.CONSTANT, new double[0], 1);

  /** The schedule shapes. */
  public enum Kind {
    CONSTANT,
    /** Multiplied by gamma once the epoch reaches each milestone (MedMNIST: 0.1 at 50%, 75%). */
    STEP,
    /** Half a cosine from the initial rate towards zero over the epochs. */
    COSINE
  }

  public LearningRateSchedule {
    if (kind == null) {
      throw invalid("schedule kind is required");
    }
    milestones = milestones == null ? new double[0] : milestones.clone();
    if (kind == Kind.STEP) {
      if (milestones.length == 0) {
        throw invalid("schedule.milestones must not be empty for a step schedule");
      }
      for (int i = 0; i < milestones.length; i++) {
        if (!(milestones[i] > 0 && milestones[i] < 1)
            || (i > 0 && milestones[i] <= milestones[i - 1])) {
          throw invalid(
              "schedule.milestones must ascend within (0, 1), got " + Arrays.toString(milestones));
        }
      }
      if (!(gamma > 0 && gamma <= 1)) {
        throw invalid("schedule.gamma must be in (0, 1], got " + gamma);
      }
    }
  }

  /** The factor on the initial rate in {@code epoch} (1-based) of {@code epochs}. */
  public double factor(int epoch, int epochs) {
    double progress = (double) (epoch - 1) / epochs;
    return switch (kind) {
      case CONSTANT -> 1;
      case STEP -> {
        double factor = 1;
        for (double milestone : milestones) {
          if (progress >= milestone) {
            factor *= gamma;
          }
        }
        yield factor;
      }
      case COSINE -> 0.5 * (1 + Math.cos(Math.PI * progress));
    };
  }

  @Override
  public double[] milestones() {
    return milestones.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LearningRateSchedule that
        && kind == that.kind
        && Arrays.equals(milestones, that.milestones)
        && Double.compare(gamma, that.gamma) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + Arrays.hashCode(milestones)) + Double.hashCode(gamma);
  }

  @Override
  public String toString() {
    return kind + Arrays.toString(milestones) + " gamma " + gamma;
  }

  private static TrialFailedException invalid(String message) {
    return new TrialFailedException(FailureReason.INVALID_SPEC, message);
  }
}
