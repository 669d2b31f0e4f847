package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.dataset.config.DatasetServiceConfig;
import org.medxfer.dataset.domain.DatasetAccessDeniedException;
import org.medxfer.dataset.domain.DatasetRepository;
import org.medxfer.dataset.domain.DatasetVersion;
import org.medxfer.dataset.domain.FileStore;
import org.medxfer.dataset.domain.ImageShape;
import org.medxfer.dataset.domain.ImportError;
import org.medxfer.dataset.domain.ImportOutcome;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.ImportRequestValidator;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.InvalidRequestException.Reason;
import org.medxfer.dataset.domain.PixelStatistics;
import org.medxfer.dataset.domain.RecordedRequest;
import org.medxfer.dataset.domain.ShardKeys;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.SplitInfo;
import org.medxfer.dataset.domain.UploadKeys;
import org.medxfer.dataset.domain.Violation;

/**
 * Imports a file as a new immutable version of a data set: reads and validates it, encodes one
 * shard per split, names the version after the sha256 of those shards, stores the shards, then
 * records the version. The same content imported again yields the existing version and stores
 * nothing; a failure after shards were stored removes them, so a version row exists only when all
 * its shards do. Every import acts for one project: a new data set belongs to it, and another
 * project's data set is refused before any of the file is read.
 */
@ApplicationScoped
public class ImportDataset {

  private static final Logger LOG = Logger.getLogger(ImportDataset.class);

  private final DatasetRepository repository;
  private final FileStore fileStore;
  private final DatasetServiceConfig config;
  private final SpoolDirectory spool;

  public ImportDataset(
      DatasetRepository repository,
      FileStore fileStore,
      DatasetServiceConfig config,
      SpoolDirectory spool) {
    this.repository = repository;
    this.fileStore = fileStore;
    this.config = config;
    this.spool = spool;
  }

  /**
   * Refuses a request whose header is unacceptable, or whose data set belongs to another project
   * than {@code project}, before any of its file is read.
   */
  public void checkRequest(String project, ImportRequest request) {
    checkRequest(project, request, List.of());
  }

  /** Starts receiving an uploaded file; the caller closes the spool. */
  public UploadSpool openUpload() {
    try {
      return new UploadSpool(
          Files.createTempFile(spool.path(), "upload-", ".spool"), maxFileBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an upload spool file", e);
    }
  }

  /** Imports an uploaded file for {@code project}; the file stays the caller's to close. */
  public ImportOutcome importUpload(String project, ImportRequest request, SpooledFile file) {
    checkRequest(project, request);
    Optional<ImportOutcome> replay = replay(project, request);
    if (replay.isPresent()) {
      return replay.get();
    }
    return importFile(project, request, file);
  }

  /**
   * Imports for {@code project} a file that is already in the object store at {@code sourceKey},
   * which must lie under the project's {@link UploadKeys#prefix}.
   */
  public ImportOutcome importObject(String project, ImportRequest request, String sourceKey) {
    checkRequest(project, request, sourceKeyViolations(project, sourceKey));
    Optional<ImportOutcome> replay = replay(project, request);
    if (replay.isPresent()) {
      return replay.get();
    }
    long size =
        fileStore
            .size(sourceKey)
            .orElseThrow(
                () ->
                    InvalidRequestException.of(
                        Reason.SOURCE_NOT_FOUND,
                        Violation.FILE,
                        "there is no object at source_key '" + sourceKey + "'"));
    if (size > maxFileBytes()) {
      throw InvalidRequestException.of(
          Reason.FILE_TOO_LARGE,
          Violation.FILE,
          "'%s' has %d bytes, more than the %d this service accepts"
              .formatted(sourceKey, size, maxFileBytes()));
    }
    Path local = spool.newFile("source-", ".spool");
    try (SpooledFile file = new SpooledFile(local, size, sourceKey)) {
      fileStore.download(sourceKey, local);
      return importFile(project, request, file);
    }
  }

  private void checkRequest(String project, ImportRequest request, List<Violation> extra) {
    List<Violation> violations = new ArrayList<>(ImportRequestValidator.validate(request));
    violations.addAll(extra);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(
          Reason.INVALID_IMPORT_REQUEST,
          "the import request is invalid: " + violations.get(0).description(),
          violations);
    }
    requireImportable(project, request.datasetId());
  }

  /**
   * Refuses an import into another project's data set; a data set nobody has yet is the caller's to
   * create.
   *
   * @throws DatasetAccessDeniedException when the data set belongs to another project
   */
  private void requireImportable(String project, String datasetId) {
    repository.findDataset(datasetId).ifPresent(dataset -> dataset.requireProject(project));
  }

  private static List<Violation> sourceKeyViolations(String project, String sourceKey) {
    if (sourceKey == null || sourceKey.isEmpty()) {
      return List.of(new Violation(Violation.FILE, "source_key is required"));
    }
    try {
      ObjectStore.checkKey(sourceKey);
    } catch (IllegalArgumentException e) {
      return List.of(new Violation(Violation.FILE, e.getMessage()));
    }
    // Another project's uploads, and everything the platform itself stores, are not the caller's.
    String prefix = UploadKeys.prefix(project);
    if (!sourceKey.startsWith(prefix)) {
      return List.of(
          new Violation(
              Violation.FILE,
              "source_key '%s' must lie under %s, where this project's uploads are"
                  .formatted(sourceKey, prefix)));
    }
    return List.of();
  }

  /** The first result of an earlier call with the same request id, if there was one. */
  private Optional<ImportOutcome> replay(String project, ImportRequest request) {
    if (request.requestId().isEmpty()) {
      return Optional.empty();
    }
    return repository
        .findRequest(project, request.requestId())
        .map(
            recorded -> {
              if (!recorded.datasetId().equals(request.datasetId())) {
                throw InvalidRequestException.of(
                    Reason.REQUEST_ID_REUSED,
                    "request_id",
                    "request_id '%s' was already used to import into datasets/%s"
                        .formatted(request.requestId(), recorded.datasetId()));
              }
              return new ImportOutcome(
                  repository.findDataset(recorded.datasetId()).orElseThrow(),
                  repository.findVersion(recorded.datasetId(), recorded.versionId()).orElseThrow(),
                  recorded.alreadyExisted());
            });
  }

  private ImportOutcome importFile(String project, ImportRequest request, SpooledFile file) {
    Map<Split, LabeledImages> splits = readValidated(project, request, file);
    try (EncodedShards shards = EncodedShards.encode(splits, spool.path())) {
      return repository.withImportLock(
          request.datasetId(),
          () -> {
            // Checked again under the lock: another project may have created the data set since.
            requireImportable(project, request.datasetId());
            return storeVersion(project, request, splits, shards);
          });
    }
  }

  /** Reads the file and checks it against the card; a refusal marks an existing data set FAILED. */
  private Map<Split, LabeledImages> readValidated(
      String project, ImportRequest request, SpooledFile file) {
    try {
      Map<Split, LabeledImages> splits = DatasetFileReader.read(request, file.path(), file.name());
      List<Violation> violations = DatasetContentValidator.validate(splits, request.card());
      if (!violations.isEmpty()) {
        throw new InvalidRequestException(
            Reason.INVALID_DATASET_CONTENT,
            file.name() + ": " + violations.get(0).description(),
            violations);
      }
      return splits;
    } catch (InvalidRequestException e) {
      try {
        repository.markImportFailed(
            project,
            request.datasetId(),
            new ImportError(e.reason().name(), e.getMessage()),
            now());
      } catch (RuntimeException markFailure) {
        // The caller needs the refusal, not the bookkeeping problem.
        e.addSuppressed(markFailure);
        LOG.warnf("cannot mark datasets/%s FAILED: %s", request.datasetId(), markFailure);
      }
      throw e;
    }
  }

  private ImportOutcome storeVersion(
      String project,
      ImportRequest request,
      Map<Split, LabeledImages> splits,
      EncodedShards shards) {
    String datasetId = request.datasetId();
    String versionId = shards.versionId();
    Optional<DatasetVersion> existing = repository.findVersion(datasetId, versionId);
    if (existing.isPresent()) {
      if (!existing.get().contentHash().equals(shards.contentHash())) {
        throw new IllegalStateException(
            "version id %s of datasets/%s is taken by content %s, not %s"
                .formatted(
                    versionId, datasetId, existing.get().contentHash(), shards.contentHash()));
      }
      if (!request.requestId().isEmpty()) {
        repository.recordRequest(
            project, request.requestId(), new RecordedRequest(datasetId, versionId, true), now());
      }
      // The import succeeded, so an earlier refusal no longer describes the data set.
      repository.clearImportFailure(project, datasetId, now());
      return new ImportOutcome(
          repository.findDataset(datasetId).orElseThrow(), existing.get(), true);
    }

    DatasetVersion version = newVersion(request, splits, shards);
    List<String> written = new ArrayList<>();
    try {
      for (SplitInfo split : version.splits()) {
        // Recorded before the upload, so a half-written object is removed too.
        written.add(split.shardKey());
        fileStore.upload(split.shardKey(), shards.files().get(split.split()));
      }
      repository.insertVersion(
          project, request.effectiveDisplayName(), version, request.requestId());
    } catch (RuntimeException e) {
      removeUnrecordedShards(datasetId, versionId, written, e);
      throw e;
    }
    return new ImportOutcome(repository.findDataset(datasetId).orElseThrow(), version, false);
  }

  private static DatasetVersion newVersion(
      ImportRequest request, Map<Split, LabeledImages> splits, EncodedShards shards) {
    int classCount = request.card().classNames().size();
    List<SplitInfo> infos = new ArrayList<>();
    for (Split split : Split.values()) {
      LabeledImages images = splits.get(split);
      List<Long> classCounts = new ArrayList<>(classCount);
      for (long count : DatasetContentValidator.classCounts(images, request.card())) {
        classCounts.add(count);
      }
      infos.add(
          new SplitInfo(
              split,
              images.count(),
              classCounts,
              ShardKeys.shardKey(request.datasetId(), shards.versionId(), split),
              shards.sizes().get(split)));
    }
    LabeledImages train = splits.get(Split.TRAIN);
    return new DatasetVersion(
        request.datasetId(),
        shards.versionId(),
        shards.contentHash(),
        now(),
        request.card(),
        new ImageShape(train.height(), train.width(), train.channels()),
        infos,
        Optional.of(PixelStatistics.of(train.pixels(), train.channels())));
  }

  /**
   * Removes the shards of a version whose record was not written. When the database cannot say
   * whether the record exists (it may have committed before the connection failed), the objects
   * stay: an unreferenced object is harmless, a record without its shards is not.
   */
  private void removeUnrecordedShards(
      String datasetId, String versionId, List<String> keys, RuntimeException failure) {
    if (keys.isEmpty()) {
      return;
    }
    try {
      if (repository.findVersion(datasetId, versionId).isPresent()) {
        return;
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      LOG.warnf(
          "import of datasets/%s failed and its record cannot be checked; leaving %s",
          datasetId, keys);
      return;
    }
    for (String key : keys) {
      try {
        fileStore.remove(key);
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
        LOG.warnf("cannot remove shard %s of a failed import: %s", key, e.getMessage());
      }
    }
  }

  private long maxFileBytes() {
    return config.maxFileSize().asLongValue();
  }

  private static Instant now() {
    // PostgreSQL keeps microseconds; truncating here makes a stored and a returned time agree.
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
