package org.medxfer.dataset.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file copied to local disk for reading; closing deletes it.
 *
 * @param name names the file in error messages (a client's file name or an object key)
 */
public record SpooledFile(Path path, long size, String name) implements AutoCloseable {

  @Override
  public void close() {
    deleteQuietly(path);
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete spool file " + path, e);
    }
  }
}
