package org.medxfer.gateway.app;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialCounts;

/**
 * Follows a study until it ends: first the study and all its trials (in messages of at most {@value
 * #FIRST_MESSAGE_PAGE} trials), then the study and the trials that changed, each time something
 * changed. Changes are found by polling the database on a small shared pool (never on a request
 * thread): every trial row carries a revision that grows on each change, so a poll reads only names
 * and revisions unless something moved. Works the same whichever gateway replica recorded the
 * change.
 */
@ApplicationScoped
public class WatchStudy {

  /** Receives a watch's messages, all on one thread at a time. */
  public interface Watcher {

    /** Whether the receiver can take a message now; when not, changes wait for the next poll. */
    boolean isReady();

    /** The study now, and the trials that changed (all of them the first time). */
    void changed(Study study, List<Trial> trials);

    /** The study has ended; no message follows. */
    void ended();

    /** The watch stopped because of {@code error}; no message follows. */
    void failed(RuntimeException error);
  }

  /** A running watch. */
  public interface Subscription {

    /** Stops the watch; no message follows. */
    void cancel();
  }

  /** Trials per message while a watch sends a study's trials for the first time. */
  static final int FIRST_MESSAGE_PAGE = 1000;

  private final StudyRepository repository;
  private final GatewayConfig config;
  private final ScheduledExecutorService pollers;

  public WatchStudy(StudyRepository repository, GatewayConfig config) {
    this.repository = repository;
    this.config = config;
    AtomicInteger threads = new AtomicInteger();
    this.pollers =
        Executors.newScheduledThreadPool(
            config.watch().threads(),
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-watch-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts watching study {@code name}.
   *
   * @throws StudyNotFoundException when there is no such study (before any message)
   */
  public Subscription watch(String name, Watcher watcher) {
    StudyQueries.requireStudyName(name);
    repository.findStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
    Poll poll = new Poll(name, watcher);
    long interval = config.watch().pollInterval().toMillis();
    poll.attach(pollers.scheduleWithFixedDelay(poll, 0, interval, TimeUnit.MILLISECONDS));
    return poll::stop;
  }

  void stop(@Observes ShutdownEvent shutdown) {
    pollers.shutdownNow();
  }

  /** One watch: what it has sent so far. */
  private final class Poll implements Runnable {

    private final String name;
    private final Watcher watcher;
    private final Map<String, Long> sentRevisions = new HashMap<>();
    private StudyState sentState;
    private TrialCounts sentCounts;
    private boolean first = true;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> schedule;

    Poll(String name, Watcher watcher) {
      this.name = name;
      this.watcher = watcher;
    }

    void attach(ScheduledFuture<?> future) {
      schedule = future;
      if (stopped) {
        future.cancel(false);
      }
    }

    void stop() {
      stopped = true;
      ScheduledFuture<?> future = schedule;
      if (future != null) {
        future.cancel(false);
      }
    }

    @Override
    public void run() {
      if (stopped) {
        return;
      }
      try {
        // Study first: if it has ended, the revisions read next include its last trial changes.
        Study study =
            repository.findStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
        Map<String, Long> revisions = repository.trialRevisions(name);
        List<String> changed = new ArrayList<>();
        revisions.forEach(
            (trial, revision) -> {
              if (!revision.equals(sentRevisions.get(trial))) {
                changed.add(trial);
              }
            });
        boolean studyChanged =
            study.state() != sentState || !Objects.equals(study.counts(), sentCounts);
        if (first || studyChanged || !changed.isEmpty()) {
          if (!watcher.isReady()) {
            return;
          }
          if (first) {
            sendAllTrials(study);
          } else {
            watcher.changed(study, repository.findTrials(changed));
          }
          sentRevisions.putAll(revisions);
          sentState = study.state();
          sentCounts = study.counts();
          first = false;
        }
        if (study.state().isTerminal()) {
          stop();
          watcher.ended();
        }
      } catch (RuntimeException e) {
        stop();
        watcher.failed(e);
      }
    }

    // A large study's trials go in pages, so that every message stays under gRPC's 4 MiB default.
    private void sendAllTrials(Study study) {
      int after = -1;
      List<Trial> page;
      do {
        page = repository.listTrials(name, after, FIRST_MESSAGE_PAGE);
        watcher.changed(study, page);
        if (!page.isEmpty()) {
          after = page.get(page.size() - 1).ordinal();
        }
      } while (page.size() == FIRST_MESSAGE_PAGE);
    }
  }
}
