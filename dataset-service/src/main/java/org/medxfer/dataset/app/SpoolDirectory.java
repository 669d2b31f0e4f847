package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medxfer.dataset.config.DatasetServiceConfig;

/** The local folder where uploads, downloaded files and shards wait during a call. */
@ApplicationScoped
public class SpoolDirectory {

  private final DatasetServiceConfig config;

  public SpoolDirectory(DatasetServiceConfig config) {
    this.config = config;
  }

  /** The folder, created when missing. */
  public Path path() {
    Path directory =
        config.spoolDir().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool directory " + directory, e);
    }
  }

  /** A new empty file in the folder; the caller deletes it. */
  public Path newFile(String prefix, String suffix) {
    try {
      return Files.createTempFile(path(), prefix, suffix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file", e);
    }
  }
}
