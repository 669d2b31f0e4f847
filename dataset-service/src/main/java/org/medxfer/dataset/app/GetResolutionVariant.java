package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.medxfer.common.images.ImageResizer;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.dataset.domain.DatasetRepository;
import org.medxfer.dataset.domain.DatasetVersion;
import org.medxfer.dataset.domain.FileStore;
import org.medxfer.dataset.domain.ImageShape;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.ResolutionVariant;
import org.medxfer.dataset.domain.ShardKeys;
import org.medxfer.dataset.domain.SplitInfo;

/**
 * A version's images at another size, computed once: the first call resamples each split's shard
 * ({@link ImageResizer}), stores the results next to the version's shards and records them; every
 * later call returns the record. Computing holds the data set's import lock, so two calls never
 * compute the same variant at once; a failure removes what it stored.
 */
@ApplicationScoped
public class GetResolutionVariant {

  /** The largest size a variant may have. */
  public static final int MAX_SIZE = 1024;

  private static final Logger LOG = Logger.getLogger(GetResolutionVariant.class);

  private final DatasetRepository repository;
  private final FileStore fileStore;
  private final GetDatasetVersion getDatasetVersion;
  private final SpoolDirectory spool;

  public GetResolutionVariant(
      DatasetRepository repository,
      FileStore fileStore,
      GetDatasetVersion getDatasetVersion,
      SpoolDirectory spool) {
    this.repository = repository;
    this.fileStore = fileStore;
    this.getDatasetVersion = getDatasetVersion;
    this.spool = spool;
  }

  /** What a call found or made. */
  public record Outcome(ResolutionVariant variant, boolean alreadyExisted) {}

  /**
   * The variant of version {@code versionId} (or latest) of {@code datasetId} at {@code size}, when
   * the data set belongs to {@code project}.
   */
  public Outcome get(String project, String datasetId, String versionId, int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw InvalidRequestException.of(
          InvalidRequestException.Reason.INVALID_QUERY,
          "size",
          "size must be 1 to %d, got %d".formatted(MAX_SIZE, size));
    }
    DatasetVersion version = getDatasetVersion.get(project, datasetId, versionId);
    ImageShape shape = version.imageShape();
    if (shape.height() == size && shape.width() == size) {
      return new Outcome(
          new ResolutionVariant(datasetId, version.versionId(), size, shape, version.splits()),
          true);
    }
    Optional<ResolutionVariant> stored =
        repository.findVariant(datasetId, version.versionId(), size);
    if (stored.isPresent()) {
      return new Outcome(stored.get(), true);
    }
    return repository.withImportLock(
        datasetId,
        () ->
            repository
                .findVariant(datasetId, version.versionId(), size)
                .map(variant -> new Outcome(variant, true))
                .orElseGet(() -> new Outcome(compute(version, size), false)));
  }

  private ResolutionVariant compute(DatasetVersion version, int size) {
    List<String> written = new ArrayList<>();
    List<SplitInfo> splits = new ArrayList<>();
    try {
      for (SplitInfo split : version.splits()) {
        String key =
            ShardKeys.variantKey(version.datasetId(), version.versionId(), size, split.split());
        written.add(key);
        long bytes = resample(split.shardKey(), key, size);
        splits.add(new SplitInfo(split.split(), split.count(), split.classCounts(), key, bytes));
      }
      ResolutionVariant variant =
          new ResolutionVariant(
              version.datasetId(),
              version.versionId(),
              size,
              new ImageShape(size, size, version.imageShape().channels()),
              splits);
      repository.insertVariant(variant, Instant.now().truncatedTo(ChronoUnit.MICROS));
      return variant;
    } catch (RuntimeException e) {
      for (String key : written) {
        try {
          fileStore.remove(key);
        } catch (RuntimeException removal) {
          e.addSuppressed(removal);
          LOG.warnf("cannot remove variant shard %s of a failed computation", key);
        }
      }
      throw e;
    }
  }

  /** Downloads one shard, resamples it and uploads the result; returns the result's size. */
  private long resample(String sourceKey, String targetKey, int size) {
    Path source = spool.newFile("variant-source-", ".shard");
    Path target = spool.newFile("variant-", ".shard");
    try {
      fileStore.download(sourceKey, source);
      LabeledImages images;
      try (InputStream in = Files.newInputStream(source)) {
        images = ImageShardCodec.read(in, sourceKey);
      }
      try (OutputStream out = Files.newOutputStream(target)) {
        ImageShardCodec.write(ImageResizer.resize(images, size, size), out);
      }
      fileStore.upload(targetKey, target);
      return Files.size(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compute variant " + targetKey, e);
    } finally {
      SpooledFile.deleteQuietly(source);
      SpooledFile.deleteQuietly(target);
    }
  }
}
