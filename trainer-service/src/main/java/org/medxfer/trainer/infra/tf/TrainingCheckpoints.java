package org.medxfer.trainer.infra.tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.medxfer.trainer.domain.EpochMetrics;
import org.tensorflow.Session;

/**
 * Captures and restores a whole training session through TensorFlow's own saver ({@code
 * Session.save}/{@code restore}: every variable, optimizer slots and beta powers included, bit for
 * bit). The saver writes files; they travel inside a {@link StoredState.Checkpoint}, so the object
 * store holds one object per attempt and no local file outlives the call.
 */
final class TrainingCheckpoints {

  private static final String PREFIX = "session";

  private TrainingCheckpoints() {}

  static StoredState.Checkpoint capture(
      Session session,
      String specKey,
      int epoch,
      long steps,
      List<EpochMetrics> curve,
      int bestEpoch,
      double bestAuc,
      Map<String, float[]> best) {
    Path dir = temporaryDirectory();
    try {
      session.save(dir.resolve(PREFIX).toString());
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (Stream<Path> listing = Files.list(dir)) {
        for (Path file : listing.sorted().toList()) {
          files.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
      }
      return new StoredState.Checkpoint(
          specKey, epoch, steps, List.copyOf(curve), bestEpoch, bestAuc, best, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the saved session", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  static void restore(Session session, StoredState.Checkpoint checkpoint) {
    Path dir = temporaryDirectory();
    try {
      for (Map.Entry<String, byte[]> file : checkpoint.sessionFiles().entrySet()) {
        Path target = dir.resolve(file.getKey()).normalize();
        if (!target.getParent().equals(dir)) {
          throw new IllegalArgumentException("checkpoint file name " + file.getKey());
        }
        Files.write(target, file.getValue());
      }
      session.restore(dir.resolve(PREFIX).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint's session files", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("medxfer-checkpoint");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for a checkpoint", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Scratch space only; the OS cleans temporary directories.
    }
  }
}
