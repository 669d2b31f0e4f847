package org.medxfer.gateway.domain;

import java.util.List;

/**
 * A learning-rate schedule.
 *
 * @param kind the kind
 * @param milestones for {@link ScheduleKind#STEP}: fractions of the epochs in (0, 1), ascending
 * @param gamma for {@link ScheduleKind#STEP}: the factor at each milestone, in (0, 1]
 */
public record Schedule(ScheduleKind kind, List<Double> milestones, double gamma) {

  /** The initial rate throughout. */
  public static final Schedule CONSTANT = new Schedule(ScheduleKind.CONSTANT, List.of(), 0.0);

  public Schedule {
    milestones = milestones == null ? List.of() : List.copyOf(milestones);
  }
}
