package org.medxfer.gateway.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: where studies and trials are kept. Reads see committed state; changes go through {@link
 * #inTransaction}.
 *
 * @throws DependencyUnavailableException from any method when the store does not answer
 */
public interface StudyRepository {

  /**
   * Runs {@code work} in one transaction, committed when it returns and rolled back when it throws.
   */
  <T> T inTransaction(Function<StudyTransaction, T> work);

  /** A study with its trial counts. */
  Optional<Study> findStudy(String name);

  /** The study a create with {@code requestId} stored. */
  Optional<Study> findStudyByRequestId(String requestId);

  /** The project study {@code name} belongs to; empty when there is no such study. */
  Optional<String> projectOf(String name);

  /**
   * Up to {@code limit} studies of {@code project}, newest first, after {@code after} (from the
   * start when empty).
   */
  List<Study> listStudies(String project, Optional<StudyCursor> after, int limit);

  /** A trial. */
  Optional<Trial> findTrial(String name);

  /**
   * Up to {@code limit} trials of {@code study} in cell order, with ordinal above {@code after}.
   */
  List<Trial> listTrials(String study, int after, int limit);

  /** The named trials, in cell order; unknown names are left out. */
  List<Trial> findTrials(Collection<String> names);

  /**
   * The revision of every trial of {@code study}: a number that grows whenever the trial changes.
   */
  Map<String, Long> trialRevisions(String study);
}
