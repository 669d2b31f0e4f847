package org.medxfer.gateway.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The changes {@link StudyRepository#inTransaction} offers; row locks last until it ends. */
public interface StudyTransaction {

  /**
   * Stores a new study of {@code project}.
   *
   * @throws StudyAlreadyExistsException when its name is taken
   * @throws DuplicateRequestIdException when its request id was used before
   */
  void insertStudy(Study study, String project);

  /** Stores new trials, not yet dispatched. */
  void insertTrials(List<Trial> trials);

  /** A study, locked until the transaction ends; counts are not filled in. */
  Optional<Study> lockStudy(String name);

  /** A trial, locked until the transaction ends. */
  Optional<Trial> lockTrial(String name);

  /** The open (queued or running) trials of a study, locked. */
  List<Trial> lockOpenTrials(String study);

  /**
   * Up to {@code limit} queued trials whose assignment has not reached the broker and that were
   * created before {@code createdBefore}, locked; trials another transaction holds are skipped.
   */
  List<Trial> lockUndispatchedTrials(Instant createdBefore, int limit);

  /**
   * Those of the named trials that are queued and whose assignment has not reached the broker,
   * locked; trials another transaction holds are skipped.
   */
  List<Trial> lockUndispatchedTrials(Collection<String> names);

  /** Saves a trial's state, attempt, progress and results. */
  void updateTrial(Trial trial);

  /** Sets a study's state and failure. */
  void updateStudyState(String name, StudyState state, Failure failure, Instant now);

  /** Records that one of the study's trials changed state. */
  void touchStudy(String name, Instant now);

  /** The study's trials per state. */
  TrialCounts countTrials(String study);

  /** Records that the assignments of these trials reached the broker. */
  void markDispatched(Collection<String> trialNames);

  /** Stores {@code trial}, a new attempt, as not yet dispatched and with no deadline. */
  void requeueTrial(Trial trial);

  /** Starts the deadline of {@code trial}'s running attempt. */
  void setDeadline(String trial, Instant deadline);

  /** Running attempts whose deadline passed before {@code now}, at most {@code limit}. */
  List<TrialAttempt> expiredAttempts(Instant now, int limit);

  /** The study's trials in {@code states}, locked, in cell order. */
  List<Trial> lockTrialsIn(String study, Collection<TrialState> states);
}
