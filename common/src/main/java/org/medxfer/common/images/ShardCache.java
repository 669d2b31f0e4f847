package org.medxfer.common.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trainer-side reader library's local cache: shards are streamed from the object store to local
 * disk once (CRC-checked before they become visible), then read in place through {@link ShardFile},
 * so the heap holds only the batches a caller copies out. Resolution variants are computed once
 * from the cached shard, streamed image by image, and cached next to it. The cache keeps at most
 * {@code maxBytes} on disk, evicting the least recently used files.
 *
 * <p>Shards are immutable (their keys name a content-addressed version), so a cached file never
 * goes stale. Several processes may share a directory: files appear by atomic rename.
 */
public final class ShardCache {

  /** Where shards come from: the object store in a service, a folder in tests and benchmarks. */
  @FunctionalInterface
  public interface ShardSource {
    /** The bytes of the shard at {@code key}. */
    InputStream open(String key) throws IOException;
  }

  private static final String PARTIAL_SUFFIX = ".part";
  private static final int RESIZE_BLOCK_IMAGES = 256;

  private final Path directory;
  private final long maxBytes;
  private final ShardSource source;

  public ShardCache(Path directory, long maxBytes, ShardSource source) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.source = source;
  }

  /** The shard at {@code key}, downloaded and verified on first use. */
  public synchronized ShardFile shard(String key) {
    Path local = localPath(key);
    if (Files.isRegularFile(local)) {
      touch(local);
      return ShardFile.open(local);
    }
    try {
      Files.createDirectories(local.getParent());
      Path partial = Files.createTempFile(local.getParent(), "download-", PARTIAL_SUFFIX);
      try {
        try (InputStream in = source.open(key)) {
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        ShardFile.open(partial).verify();
        publish(partial, local);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache shard " + key, e);
    }
    evict(local);
    return ShardFile.open(local);
  }

  /**
   * The shard at {@code key} resampled to {@code size x size} with {@link ImageResizer}, computed
   * on first use and cached; the shard itself when it already has that size.
   */
  public synchronized ShardFile resized(String key, int size) {
    ShardFile base = shard(key);
    if (base.height() == size && base.width() == size) {
      return base;
    }
    Path local = localPath(variantKey(key, size));
    if (Files.isRegularFile(local)) {
      touch(local);
      return ShardFile.open(local);
    }
    try {
      Path partial = Files.createTempFile(local.getParent(), "resize-", PARTIAL_SUFFIX);
      try {
        try (OutputStream out = Files.newOutputStream(partial)) {
          writeResized(base, size, out);
        }
        publish(partial, local);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache a " + size + " px variant of " + key, e);
    }
    evict(local);
    return ShardFile.open(local);
  }

  /** Bytes the cache holds on disk now. */
  public synchronized long sizeOnDisk() {
    return cachedFiles().stream().mapToLong(ShardCache::sizeOf).sum();
  }

  private static void writeResized(ShardFile base, int size, OutputStream out) throws IOException {
    ImageShardCodec.StreamWriter writer =
        ImageShardCodec.begin(out, base.count(), size, size, base.channels(), base.labels());
    int sourceBytes = base.imageBytes();
    int targetBytes = size * size * base.channels();
    byte[] block = new byte[RESIZE_BLOCK_IMAGES * sourceBytes];
    byte[] resized = new byte[RESIZE_BLOCK_IMAGES * targetBytes];
    int[] labels = new int[RESIZE_BLOCK_IMAGES];
    for (int first = 0; first < base.count(); first += RESIZE_BLOCK_IMAGES) {
      int n = Math.min(RESIZE_BLOCK_IMAGES, base.count() - first);
      int[] indices = new int[n];
      for (int i = 0; i < n; i++) {
        indices[i] = first + i;
      }
      base.read(indices, block, 0, labels);
      for (int i = 0; i < n; i++) {
        ImageResizer.resizeImage(
            block,
            i * sourceBytes,
            base.height(),
            base.width(),
            base.channels(),
            resized,
            i * targetBytes,
            size,
            size);
      }
      writer.pixels(resized, 0, n * targetBytes);
    }
    writer.finish();
  }

  private Path localPath(String key) {
    Path local = directory.resolve(key).normalize();
    if (!local.startsWith(directory.normalize()) || key.endsWith(PARTIAL_SUFFIX)) {
      throw new IllegalArgumentException("shard key '" + key + "' leaves the cache directory");
    }
    return local;
  }

  private static String variantKey(String key, int size) {
    return key + "." + size + "px";
  }

  private static void publish(Path partial, Path local) throws IOException {
    try {
      Files.move(partial, local, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, local, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes the least recently used files until the cache fits, never {@code keep}. */
  private void evict(Path keep) {
    List<Path> files = new ArrayList<>(cachedFiles());
    long total = files.stream().mapToLong(ShardCache::sizeOf).sum();
    files.sort(Comparator.comparing(ShardCache::lastUsed));
    for (Path file : files) {
      if (total <= maxBytes) {
        return;
      }
      if (file.equals(keep)) {
        continue;
      }
      long size = sizeOf(file);
      try {
        Files.deleteIfExists(file);
        total -= size;
      } catch (IOException e) {
        // Another process may hold or have removed it; the next eviction tries again.
      }
    }
  }

  private List<Path> cachedFiles() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().endsWith(PARTIAL_SUFFIX))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list shard cache " + directory, e);
    }
  }

  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // Only the eviction order suffers.
    }
  }

  private static FileTime lastUsed(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
