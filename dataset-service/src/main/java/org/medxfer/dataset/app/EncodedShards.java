package org.medxfer.dataset.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.dataset.domain.ContentHash;
import org.medxfer.dataset.domain.Split;

/**
 * A version's canonical content: one shard per split, written by {@link ImageShardCodec} to local
 * files, and the sha256 over those shard bytes in split order (train, val, test), which names the
 * version. Closing deletes the files.
 *
 * @param contentHash hex sha256 of the shards, concatenated in split order
 */
public record EncodedShards(String contentHash, Map<Split, Path> files, Map<Split, Long> sizes)
    implements AutoCloseable {

  public EncodedShards {
    files = Map.copyOf(files);
    sizes = Map.copyOf(sizes);
  }

  /**
   * Encodes every split into a file under {@code directory}.
   *
   * @param splits train, val and test
   */
  public static EncodedShards encode(Map<Split, LabeledImages> splits, Path directory) {
    MessageDigest sha256 = sha256();
    Map<Split, Path> files = new EnumMap<>(Split.class);
    Map<Split, Long> sizes = new EnumMap<>(Split.class);
    try {
      for (Split split : Split.values()) {
        Path file = Files.createTempFile(directory, "shard-" + split.key() + "-", ".shard");
        files.put(split, file);
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
          ImageShardCodec.write(splits.get(split), out);
        }
        sizes.put(split, Files.size(file));
      }
    } catch (IOException | RuntimeException e) {
      files.values().forEach(SpooledFile::deleteQuietly);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write shard files under " + directory, io);
      }
      throw (RuntimeException) e;
    }
    return new EncodedShards(ContentHash.hex(sha256.digest()), files, sizes);
  }

  /** The version id this content gets. */
  public String versionId() {
    return ContentHash.versionId(contentHash);
  }

  @Override
  public void close() {
    files.values().forEach(SpooledFile::deleteQuietly);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
