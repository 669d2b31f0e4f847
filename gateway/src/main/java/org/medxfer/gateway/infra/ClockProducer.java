package org.medxfer.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The gateway's clock. */
@ApplicationScoped
public class ClockProducer {

  /** UTC, ticking in microseconds: what PostgreSQL stores, so stored times read back equal. */
  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
