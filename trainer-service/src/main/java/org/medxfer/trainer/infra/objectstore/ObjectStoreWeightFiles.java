package org.medxfer.trainer.infra.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreException;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.PretrainedWeights;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.WeightFiles;
import org.medxfer.trainer.infra.tf.WeightRegistry;

/**
 * Pretrained weights from the object store at {@value #PREFIX}{@code <file>}, cached in a local
 * folder. Every copy, cached or fresh, is used only after its sha256 matched the registry, so a
 * stale or tampered cache cannot change a result. When the store has no such object the
 * pre-installed weights folder is tried (a repository checkout ships the files there).
 */
public final class ObjectStoreWeightFiles implements WeightFiles {

  /** Object-key prefix of weight files; the local stack uploads the shipped files there. */
  public static final String PREFIX = "weights/";

  private final ObjectStore store;
  private final Path cacheDir;
  private final Path installedDir;

  /**
   * @param cacheDir writable folder for downloaded files
   * @param installedDir pre-installed files, used when the store lacks one
   */
  public ObjectStoreWeightFiles(ObjectStore store, Path cacheDir, Path installedDir) {
    this.store = store;
    this.cacheDir = cacheDir;
    this.installedDir = installedDir;
  }

  public static String key(PretrainedWeights weights) {
    return PREFIX + weights.file();
  }

  @Override
  public synchronized Path verifiedFile(PretrainedWeights weights) {
    Path cached = cacheDir.resolve(weights.file());
    if (Files.isRegularFile(cached) && WeightRegistry.sha256(cached).equals(weights.sha256())) {
      return cached;
    }
    String key = key(weights);
    boolean stored;
    try {
      stored = store.size(key).isPresent();
    } catch (ObjectStoreException e) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_MISSING,
          "cannot reach the object store for weights " + key + ": " + e.getMessage(),
          e);
    }
    if (!stored) {
      if (Files.isRegularFile(installedDir.resolve(weights.file()))) {
        return WeightRegistry.verify(installedDir.resolve(weights.file()), weights);
      }
      throw new TrialFailedException(
          FailureReason.WEIGHTS_MISSING,
          "weights "
              + weights.name()
              + " for "
              + weights.architecture().id()
              + ": no object "
              + key
              + " in the store and no "
              + weights.file()
              + " in "
              + installedDir);
    }
    try {
      Files.createDirectories(cacheDir);
      Path partial = Files.createTempFile(cacheDir, weights.file(), ".part");
      try (InputStream in = store.open(key)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        String actual = WeightRegistry.sha256(partial);
        if (!actual.equals(weights.sha256())) {
          throw new TrialFailedException(
              FailureReason.WEIGHTS_CORRUPT,
              "object "
                  + key
                  + " has sha256 "
                  + actual
                  + " but registry entry "
                  + weights.name()
                  + " expects "
                  + weights.sha256());
        }
        Files.move(
            partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return cached;
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache weights " + key + " in " + cacheDir, e);
    } catch (ObjectStoreException e) {
      throw new TrialFailedException(
          FailureReason.WEIGHTS_MISSING, "cannot read weights " + key + ": " + e.getMessage(), e);
    }
  }
}
