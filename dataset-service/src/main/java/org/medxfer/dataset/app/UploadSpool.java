package org.medxfer.dataset.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.Violation;

/**
 * Collects the chunks of an upload in a local temporary file, so memory stays bounded whatever the
 * file's size, and refuses the upload once it passes the size limit.
 */
public final class UploadSpool implements AutoCloseable {

  private final Path path;
  private final long maxBytes;
  private OutputStream out;
  private long size;
  private boolean handedOver;

  UploadSpool(Path path, long maxBytes) throws IOException {
    this.path = path;
    this.maxBytes = maxBytes;
    this.out = Files.newOutputStream(path);
  }

  /** Appends the next bytes of the file. */
  public void append(byte[] chunk) {
    if (size + chunk.length > maxBytes) {
      throw InvalidRequestException.of(
          InvalidRequestException.Reason.FILE_TOO_LARGE,
          Violation.FILE,
          "the file is larger than the " + maxBytes + " bytes this service accepts");
    }
    try {
      out.write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write upload spool " + path, e);
    }
    size += chunk.length;
  }

  /** Bytes received so far. */
  public long size() {
    return size;
  }

  /**
   * Ends the upload and hands the file over; the caller closes the returned file, which deletes it.
   *
   * @param name names the file in error messages
   */
  public SpooledFile finish(String name) {
    closeStream();
    handedOver = true;
    return new SpooledFile(path, size, name);
  }

  /** Discards the upload unless it was handed over. */
  @Override
  public void close() {
    closeStream();
    if (!handedOver) {
      SpooledFile.deleteQuietly(path);
    }
  }

  private void closeStream() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close upload spool " + path, e);
    } finally {
      out = null;
    }
  }
}
