package org.medxfer.localstack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Reads and writes {@code stack.json}. It holds secrets, so only its owner may read it. */
final class StackStateFile {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private StackStateFile() {}

  static Optional<StackState> read(StackLayout layout) {
    Path file = layout.stackFile();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), StackState.class));
    } catch (IOException e) {
      throw new LocalStackException(
          file + " is not a readable stack record (" + e.getMessage() + ")", e);
    }
  }

  /** Replaces the file in one step, so a reader never sees half a record. */
  static void write(StackLayout layout, StackState state) {
    Path file = layout.stackFile();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      PrivateFiles.write(tmp, JSON.writeValueAsBytes(state));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void delete(StackLayout layout) {
    try {
      Files.deleteIfExists(layout.stackFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + layout.stackFile(), e);
    }
  }
}
