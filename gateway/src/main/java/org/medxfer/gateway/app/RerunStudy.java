package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialState;

/**
 * Runs again the cells of a study that have no result: failed and cancelled trials get their next
 * attempt, queued; succeeded trials keep theirs and queued or running ones go on. The study is
 * running again until they end. Running it twice in a row queues nothing the second time while the
 * first rerun's attempts are still open.
 */
@ApplicationScoped
public class RerunStudy {

  private static final Logger LOG = Logger.getLogger(RerunStudy.class);

  private static final List<TrialState> WITHOUT_RESULT =
      List.of(TrialState.FAILED, TrialState.CANCELLED);

  private final StudyRepository repository;
  private final DispatchTrials dispatcher;
  private final Clock clock;

  public RerunStudy(StudyRepository repository, DispatchTrials dispatcher, Clock clock) {
    this.repository = repository;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /**
   * Queues the next attempt of every failed or cancelled trial of study {@code name}.
   *
   * @throws StudyNotFoundException when there is no such study
   */
  public Study rerun(String name) {
    StudyQueries.requireStudyName(name);
    List<Trial> queued =
        repository.inTransaction(
            tx -> {
              tx.lockStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
              Instant now = clock.instant();
              List<Trial> next = new ArrayList<>();
              for (Trial trial : tx.lockTrialsIn(name, WITHOUT_RESULT)) {
                Trial attempt = trial.nextAttempt(trial.failure(), now);
                tx.requeueTrial(attempt);
                next.add(attempt);
              }
              if (!next.isEmpty()) {
                tx.updateStudyState(name, StudyState.RUNNING, null, now);
              }
              return next;
            });
    LOG.infof("rerunning %d trials of %s", queued.size(), name);
    if (!queued.isEmpty()) {
      try {
        dispatcher.dispatch(queued);
      } catch (RuntimeException e) {
        LOG.warnf("dispatching the rerun of %s failed; the background round will: %s", name, e);
      }
    }
    return repository.findStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
  }
}
