package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.medxfer.gateway.domain.IllegalStateChangeException;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialAttempt;
import org.medxfer.gateway.domain.TrialCanceller;

/**
 * Cancels a running study: the study and every trial not yet ended become CANCELLED in one
 * transaction; later reports about those trials are ignored.
 */
@ApplicationScoped
public class CancelStudy {

  private static final Logger LOG = Logger.getLogger(CancelStudy.class);

  private final StudyRepository repository;
  private final TrialCanceller canceller;
  private final Clock clock;

  public CancelStudy(StudyRepository repository, TrialCanceller canceller, Clock clock) {
    this.repository = repository;
    this.canceller = canceller;
    this.clock = clock;
  }

  /**
   * Cancels study {@code name}.
   *
   * @throws StudyNotFoundException when there is no such study
   * @throws IllegalStateChangeException when the study has already ended
   */
  public Study cancel(String name) {
    StudyQueries.requireStudyName(name);
    List<TrialAttempt> cancelled =
        repository.inTransaction(
            tx -> {
              Study study = tx.lockStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
              if (!study.state().canMoveTo(StudyState.CANCELLED)) {
                throw new IllegalStateChangeException(
                    IllegalStateChangeException.STUDY_ALREADY_ENDED,
                    name + " has already ended: " + study.state());
              }
              Instant now = clock.instant();
              List<TrialAttempt> attempts = new ArrayList<>();
              for (Trial trial : tx.lockOpenTrials(name)) {
                tx.updateTrial(trial.cancel(now).orElseThrow());
                attempts.add(TrialAttempt.of(trial));
              }
              tx.updateStudyState(name, StudyState.CANCELLED, null, now);
              return attempts;
            });
    // After the commit: from now on the gateway ignores these attempts' events; the trainers stop
    // the running ones and skip the queued ones when they reach them.
    canceller.cancel(cancelled, "study cancelled");
    LOG.infof("cancelled %s and %d open trials", name, cancelled.size());
    return repository.findStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
  }
}
