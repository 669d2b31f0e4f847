package org.medxfer.trainer.infra.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.medxfer.common.images.InvalidImageDataException;
import org.medxfer.common.images.ShardCache;
import org.medxfer.common.images.ShardFile;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreException;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.ImageSet;
import org.medxfer.trainer.domain.ImageSource;

/**
 * A trial's images through the reader library's {@link ShardCache}: each shard is streamed from the
 * object store to local disk once per machine, CRC-checked before it is used, and read in place
 * from there, so later trials on the same data set (every arm and seed of a study) download
 * nothing. Resolution variants are computed once from the cached shard and cached too.
 */
public final class ShardImageSource implements ImageSource {

  /** Where shards are cached when the caller gives no cache. */
  static final Path DEFAULT_CACHE_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "medxfer-shard-cache");

  /** Disk budget of the default cache. */
  static final long DEFAULT_CACHE_BYTES = 4L << 30;

  private static ShardCache defaultCache;

  private final ShardCache cache;
  private final Map<DataSplit, String> keys;

  /** Reads through the process-wide default cache. */
  public ShardImageSource(ObjectStore store, String trainKey, String valKey, String testKey) {
    this(defaultCache(store), trainKey, valKey, testKey);
  }

  public ShardImageSource(ShardCache cache, String trainKey, String valKey, String testKey) {
    this.cache = cache;
    this.keys = Map.of(DataSplit.TRAIN, trainKey, DataSplit.VAL, valKey, DataSplit.TEST, testKey);
  }

  @Override
  public ImageSet load(DataSplit split) throws IOException {
    String key = keys.get(split);
    return read(key, () -> cache.shard(key));
  }

  @Override
  public ImageSet load(DataSplit split, int size) throws IOException {
    String key = keys.get(split);
    return read(key, () -> cache.resized(key, size));
  }

  private static ImageSet read(String key, ShardOpener opener) throws IOException {
    try {
      return LabeledImagesMapper.toImageSet(opener.open().readAll());
    } catch (ObjectStoreException | InvalidImageDataException e) {
      throw new IOException("shard " + key + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new IOException("shard " + key + ": " + e.getMessage(), e.getCause());
    }
  }

  @FunctionalInterface
  private interface ShardOpener {
    ShardFile open();
  }

  private static synchronized ShardCache defaultCache(ObjectStore store) {
    // One cache per process: the trainer talks to one bucket.
    if (defaultCache == null) {
      defaultCache = new ShardCache(DEFAULT_CACHE_DIRECTORY, DEFAULT_CACHE_BYTES, store::open);
    }
    return defaultCache;
  }
}
