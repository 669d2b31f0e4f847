package org.medxfer.gateway.app;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.Failure;
import org.medxfer.gateway.domain.RetryPolicy;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.TrialAttempt;
import org.medxfer.gateway.domain.TrialCanceller;
import org.medxfer.gateway.domain.TrialReport;
import org.medxfer.gateway.domain.TrialUpdate;

/**
 * Ends running attempts that passed their deadline (started + the study's trial timeout): each is
 * recorded as failed with reason TIMED_OUT, exactly as if its trainer had reported it (so it is
 * retried while the study's attempt budget lasts), and its trainer is told to stop. A trainer that
 * died without a word is caught the same way when Kafka does not hand its trial to another one.
 */
@ApplicationScoped
public class ExpireTrials {

  private static final Logger LOG = Logger.getLogger(ExpireTrials.class);

  private final StudyRepository repository;
  private final RecordTrialReport recorder;
  private final TrialCanceller canceller;
  private final GatewayConfig config;
  private final Clock clock;
  private ScheduledExecutorService background;

  public ExpireTrials(
      StudyRepository repository,
      RecordTrialReport recorder,
      TrialCanceller canceller,
      GatewayConfig config,
      Clock clock) {
    this.repository = repository;
    this.recorder = recorder;
    this.canceller = canceller;
    this.config = config;
    this.clock = clock;
  }

  /** Ends one batch of expired attempts; returns how many. */
  public int expire() {
    List<TrialAttempt> expired =
        repository.inTransaction(
            tx -> tx.expiredAttempts(clock.instant(), config.dispatch().retryBatchSize()));
    List<TrialAttempt> ended = new ArrayList<>();
    for (TrialAttempt attempt : expired) {
      Failure timedOut =
          new Failure(
              Failure.DEADLINE_EXCEEDED,
              RetryPolicy.TIMED_OUT,
              "attempt " + attempt.attempt() + " ran past the study's trial timeout");
      RecordTrialReport.Outcome outcome =
          recorder.record(
              new TrialReport(
                  attempt.trial(), attempt.attempt(), new TrialUpdate.Failed(timedOut)));
      // Another round or the trainer's own report may have ended it first: cancel it only once.
      if (outcome == RecordTrialReport.Outcome.APPLIED) {
        ended.add(attempt);
      }
    }
    if (!ended.isEmpty()) {
      canceller.cancel(ended, "timed out");
      LOG.infof("%d attempts timed out", ended.size());
    }
    return ended.size();
  }

  void start(@Observes StartupEvent startup) {
    background =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-trial-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.dispatch().retryInterval().toMillis();
    background.scheduleWithFixedDelay(
        this::expireQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (background != null) {
      background.shutdownNow();
    }
  }

  // An exception would end the schedule; the next round retries instead.
  private void expireQuietly() {
    try {
      expire();
    } catch (RuntimeException e) {
      LOG.warnf("checking trial timeouts failed, retrying later: %s", e.getMessage());
    }
  }
}
