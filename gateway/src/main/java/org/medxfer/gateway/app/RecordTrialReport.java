package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.medxfer.gateway.domain.Failure;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialCounts;
import org.medxfer.gateway.domain.TrialReport;

/**
 * Applies a trainer's report to its trial and, when the trial's end is the study's last, ends the
 * study too. Study and trial are locked in that order (as CancelStudy does), so concurrent reports
 * and cancellations serialise.
 */
@ApplicationScoped
public class RecordTrialReport {

  private static final Logger LOG = Logger.getLogger(RecordTrialReport.class);

  /** What a report did. */
  public enum Outcome {
    /** The trial changed. */
    APPLIED,
    /** Nothing changed: unknown trial, older attempt, ended trial or a repeated report. */
    IGNORED
  }

  private final StudyRepository repository;
  private final Clock clock;

  public RecordTrialReport(StudyRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Applies {@code report}. */
  public Outcome record(TrialReport report) {
    Optional<String> studyName = ResourceNames.studyOfTrial(report.trialName());
    if (studyName.isEmpty()) {
      LOG.warnf("ignoring a report about '%s', which is not a trial name", report.trialName());
      return Outcome.IGNORED;
    }
    return repository.inTransaction(
        tx -> {
          Optional<Study> study = tx.lockStudy(studyName.get());
          Optional<Trial> trial = tx.lockTrial(report.trialName());
          if (study.isEmpty() || trial.isEmpty()) {
            LOG.warnf("ignoring a report about unknown trial %s", report.trialName());
            return Outcome.IGNORED;
          }
          Instant now = clock.instant();
          Optional<Trial> changed = trial.get().apply(report, now);
          if (changed.isEmpty()) {
            LOG.debugf(
                "ignoring %s of %s attempt %d (trial is %s, attempt %d)",
                report.update().getClass().getSimpleName(),
                report.trialName(),
                report.attempt(),
                trial.get().state(),
                trial.get().attempt());
            return Outcome.IGNORED;
          }
          Trial updated = changed.get();
          tx.updateTrial(updated);
          if (updated.state() != trial.get().state()) {
            tx.touchStudy(studyName.get(), now);
          }
          if (updated.state().isTerminal() && study.get().state() == StudyState.RUNNING) {
            TrialCounts counts = tx.countTrials(studyName.get());
            StudyState.outcomeOf(counts)
                .ifPresent(
                    outcome -> {
                      tx.updateStudyState(studyName.get(), outcome, failure(outcome, counts), now);
                      LOG.infof("%s %s", studyName.get(), outcome);
                    });
          }
          return Outcome.APPLIED;
        });
  }

  private static Failure failure(StudyState outcome, TrialCounts counts) {
    if (outcome != StudyState.FAILED) {
      return null;
    }
    return new Failure(
        Failure.UNKNOWN,
        StudyState.NO_TRIAL_SUCCEEDED,
        "none of the " + counts.total() + " trials succeeded");
  }
}
