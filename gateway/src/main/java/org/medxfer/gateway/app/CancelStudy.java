package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.medxfer.gateway.domain.IllegalStateChangeException;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;

/**
 * Cancels a running study: the study and every trial not yet ended become CANCELLED in one
 * transaction; later reports about those trials are ignored.
 */
@ApplicationScoped
public class CancelStudy {

  private static final Logger LOG = Logger.getLogger(CancelStudy.class);

  private final StudyRepository repository;
  private final Clock clock;

  public CancelStudy(StudyRepository repository, Clock clock) {
    this.repository = repository;
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
    int cancelled =
        repository.inTransaction(
            tx -> {
              Study study = tx.lockStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
              if (!study.state().canMoveTo(StudyState.CANCELLED)) {
                throw new IllegalStateChangeException(
                    IllegalStateChangeException.STUDY_ALREADY_ENDED,
                    name + " has already ended: " + study.state());
              }
              Instant now = clock.instant();
              int trials = 0;
              for (Trial trial : tx.lockOpenTrials(name)) {
                tx.updateTrial(trial.cancel(now).orElseThrow());
                trials++;
              }
              tx.updateStudyState(name, StudyState.CANCELLED, null, now);
              return trials;
            });
    LOG.infof("cancelled %s and %d open trials", name, cancelled);
    return repository.findStudy(name).orElseThrow(() -> new StudyNotFoundException(name));
  }
}
