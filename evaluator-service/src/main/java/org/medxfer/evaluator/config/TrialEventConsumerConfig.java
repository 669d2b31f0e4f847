package org.medxfer.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the evaluator reads trial events. The broker is {@code kafka.bootstrap.servers}. */
@ConfigMapping(prefix = "medxfer.evaluator.trial-events")
public interface TrialEventConsumerConfig {

  /** Whether to consume at all; off for instances that only serve the API. */
  @WithDefault("true")
  boolean enabled();

  /** Consumer group; every evaluator instance shares it, so each event is handled once. */
  @WithDefault("medxfer-evaluator")
  String groupId();

  /** Longest wait for new events in one poll, which bounds how long shutdown takes. */
  @WithDefault("1s")
  Duration pollTimeout();

  /** First wait before retrying an event whose handling hit an outage; doubles per failure. */
  @WithDefault("1s")
  Duration initialRetryDelay();

  /** Longest wait between retries of an event during an outage. */
  @WithDefault("30s")
  Duration maxRetryDelay();
}
