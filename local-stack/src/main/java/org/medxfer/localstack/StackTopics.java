package org.medxfer.localstack;

import java.util.List;

/**
 * The topics the local stack creates by default. The services own their topic names (see the common
 * module); these constants only say what the stack pre-creates, and tests can pass their own list
 * in {@link StackOptions}.
 */
public final class StackTopics {
  public static final String TRIAL_ASSIGNMENTS = "medxfer.trial-assignments";
  public static final String TRIAL_EVENTS = "medxfer.trial-events";
  public static final String TRIAL_CANCELLATIONS = "medxfer.trial-cancellations";

  /**
   * Four partitions each: enough for four trainer consumers in one group on one machine. Every
   * trainer reads all of the cancellations, so one partition suffices there.
   */
  public static final List<TopicSpec> DEFAULTS =
      List.of(
          new TopicSpec(TRIAL_ASSIGNMENTS, 4),
          new TopicSpec(TRIAL_EVENTS, 4),
          new TopicSpec(TRIAL_CANCELLATIONS, 1));

  private StackTopics() {}
}
