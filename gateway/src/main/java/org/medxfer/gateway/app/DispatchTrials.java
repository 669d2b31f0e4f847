package org.medxfer.gateway.app;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialPublisher;

/**
 * Hands stored trials to the trainers. A create publishes its trials right after its commit; a
 * background round publishes every queued trial whose assignment never reached Kafka (Kafka was
 * down, or the gateway stopped between commit and publish), so a stored trial is never lost. Both
 * lock the trials they publish until they have recorded the outcome. Assignments are at-least-once:
 * a trainer may see one twice and must run an attempt once.
 */
@ApplicationScoped
public class DispatchTrials {

  private static final Logger LOG = Logger.getLogger(DispatchTrials.class);

  private final StudyRepository repository;
  private final TrialPublisher publisher;
  private final GatewayConfig config;
  private final Clock clock;
  private ScheduledExecutorService background;

  public DispatchTrials(
      StudyRepository repository, TrialPublisher publisher, GatewayConfig config, Clock clock) {
    this.repository = repository;
    this.publisher = publisher;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Publishes freshly stored trials and records which ones reached Kafka. The trials stay locked
   * meanwhile, and the background round skips locked trials, so the two never publish the same
   * trial twice.
   */
  public int dispatch(List<Trial> trials) {
    List<String> names = trials.stream().map(Trial::name).toList();
    int published =
        repository.inTransaction(
            tx -> {
              List<Trial> mine = tx.lockUndispatchedTrials(names);
              Set<String> acknowledged = publisher.publish(mine);
              tx.markDispatched(acknowledged);
              return acknowledged.size();
            });
    if (published < trials.size()) {
      LOG.warnf(
          "%d of %d trials not published yet; the background dispatcher will retry",
          trials.size() - published, trials.size());
    }
    return published;
  }

  /**
   * Publishes one batch of queued trials that were stored at least {@code retry-after} ago and
   * never reached Kafka; returns how many were published.
   */
  public int dispatchMissed() {
    Instant createdBefore = clock.instant().minus(config.dispatch().retryAfter());
    return repository.inTransaction(
        tx -> {
          List<Trial> missed =
              tx.lockUndispatchedTrials(createdBefore, config.dispatch().retryBatchSize());
          if (missed.isEmpty()) {
            return 0;
          }
          Set<String> published = publisher.publish(missed);
          tx.markDispatched(published);
          LOG.infof("published %d of %d missed trials", published.size(), missed.size());
          return published.size();
        });
  }

  void start(@Observes StartupEvent startup) {
    background =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-dispatcher");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.dispatch().retryInterval().toMillis();
    background.scheduleWithFixedDelay(
        this::dispatchMissedQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (background != null) {
      background.shutdownNow();
    }
  }

  // An exception would end the schedule; the next round retries instead.
  private void dispatchMissedQuietly() {
    try {
      dispatchMissed();
    } catch (RuntimeException e) {
      LOG.warnf("background dispatch failed, retrying later: %s", e.getMessage());
    }
  }
}
