package org.medxfer.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages. */
final class LogTail {
  /** At most this much of the log is read: enough for the lines, bounded for a runaway log. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** The last {@code lines} lines written after {@code fromOffset}; empty when there are none. */
  static String of(Path log, long fromOffset, int lines) {
    try {
      if (!Files.exists(log)) {
        return "";
      }
      try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
        long length = file.length();
        long start = Math.max(fromOffset, length - MAX_BYTES);
        if (start >= length) {
          return "";
        }
        byte[] bytes = new byte[(int) (length - start)];
        file.seek(start);
        file.readFully(bytes);
        List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      }
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
