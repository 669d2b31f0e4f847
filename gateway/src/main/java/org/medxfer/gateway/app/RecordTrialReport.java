package org.medxfer.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.medxfer.gateway.domain.Failure;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.RetryPolicy;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialCounts;
import org.medxfer.gateway.domain.TrialReport;
import org.medxfer.gateway.domain.TrialState;
import org.medxfer.gateway.domain.TrialUpdate;

/**
 * Applies a trainer's report to its trial and, when the trial's end is the study's last, ends the
 * study too. Study and trial are locked in that order (as CancelStudy does), so concurrent reports
 * and cancellations serialise.
 *
 * <p>Fencing: a report is applied only when it is about the trial's current attempt and the trial
 * is open, under the trial's row lock, so exactly one result is stored per attempt however often
 * events are delivered. A STARTED report starts the attempt's deadline. A failed attempt whose
 * failure may pass on another try, with attempts left in the study's budget, becomes the next
 * attempt, queued, and is dispatched after the commit.
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
  private final DispatchTrials dispatcher;
  private final Clock clock;

  public RecordTrialReport(StudyRepository repository, DispatchTrials dispatcher, Clock clock) {
    this.repository = repository;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** Applies {@code report}. */
  public Outcome record(TrialReport report) {
    Optional<String> studyName = ResourceNames.studyOfTrial(report.trialName());
    if (studyName.isEmpty()) {
      LOG.warnf("ignoring a report about '%s', which is not a trial name", report.trialName());
      return Outcome.IGNORED;
    }
    List<Trial> retried = new ArrayList<>();
    Outcome outcome = apply(report, studyName.get(), retried);
    if (!retried.isEmpty()) {
      try {
        dispatcher.dispatch(retried);
      } catch (RuntimeException e) {
        LOG.warnf(
            "dispatching the retry of %s failed; the background round will", report.trialName());
      }
    }
    return outcome;
  }

  private Outcome apply(TrialReport report, String studyName, List<Trial> retried) {
    return repository.inTransaction(
        tx -> {
          Optional<Study> study = tx.lockStudy(studyName);
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
          int maxAttempts = study.get().definition().maxAttempts();
          if (updated.state() == TrialState.FAILED
              && study.get().state() == StudyState.RUNNING
              && RetryPolicy.retries(updated.failure(), updated.attempt(), maxAttempts)) {
            Trial next = updated.nextAttempt(updated.failure(), now);
            tx.requeueTrial(next);
            tx.touchStudy(studyName, now);
            retried.add(next);
            LOG.infof(
                "%s attempt %d failed (%s); attempt %d of %d queued",
                report.trialName(),
                updated.attempt(),
                updated.failure().reason(),
                next.attempt(),
                maxAttempts);
            return Outcome.APPLIED;
          }
          tx.updateTrial(updated);
          if (report.update() instanceof TrialUpdate.Started) {
            tx.setDeadline(
                report.trialName(),
                now.plus(Duration.ofMinutes(study.get().definition().trialTimeoutMinutes())));
          }
          if (updated.state() != trial.get().state()) {
            tx.touchStudy(studyName, now);
          }
          if (updated.state().isTerminal() && study.get().state() == StudyState.RUNNING) {
            TrialCounts counts = tx.countTrials(studyName);
            StudyState.outcomeOf(counts)
                .ifPresent(
                    outcome -> {
                      tx.updateStudyState(studyName, outcome, failure(outcome, counts), now);
                      LOG.infof("%s %s", studyName, outcome);
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
