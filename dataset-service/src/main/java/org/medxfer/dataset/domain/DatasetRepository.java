package org.medxfer.dataset.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The records of data sets, versions, splits and import requests. Failures to reach the database
 * surface as {@link DependencyUnavailableException}.
 */
public interface DatasetRepository {

  Optional<Dataset> findDataset(String datasetId);

  Optional<DatasetVersion> findVersion(String datasetId, String versionId);

  /**
   * At most {@code pageSize} data sets of {@code project}, newest first, after {@code after} when
   * given.
   */
  DatasetPage listDatasets(String project, int pageSize, Optional<DatasetCursor> after);

  /** What {@code project}'s earlier import with {@code requestId} produced, if there was one. */
  Optional<RecordedRequest> findRequest(String project, String requestId);

  /**
   * Remembers what {@code project}'s request produced; a request id that is already recorded for
   * the project keeps its entry.
   */
  void recordRequest(String project, String requestId, RecordedRequest outcome, Instant at);

  /**
   * In one transaction: creates the data set in {@code project} or updates its display name, card
   * and latest version, inserts the version with its splits, and records {@code requestId} of
   * {@code project} when not empty. Call only after every shard of the version is stored, and only
   * for a data set that does not exist or belongs to {@code project}: an existing data set keeps
   * its project.
   */
  void insertVersion(String project, String displayName, DatasetVersion version, String requestId);

  /** The stored variant of a version at {@code size}, if one was recorded. */
  Optional<ResolutionVariant> findVariant(String datasetId, String versionId, int size);

  /** Records a variant in one transaction; call only after every shard of it is stored. */
  void insertVariant(ResolutionVariant variant, Instant at);

  /**
   * Marks an existing data set of {@code project} FAILED with {@code error}; does nothing for an
   * unknown id or another project's data set.
   */
  void markImportFailed(String project, String datasetId, ImportError error, Instant at);

  /**
   * Marks a FAILED data set of {@code project} READY again, after an import that succeeded without
   * a new version.
   */
  void clearImportFailure(String project, String datasetId, Instant at);

  /**
   * Runs {@code work} while holding an exclusive lock on imports into {@code datasetId}, shared by
   * every instance of the service, so that two imports never write or remove the same shards at
   * once.
   */
  <T> T withImportLock(String datasetId, Supplier<T> work);
}
