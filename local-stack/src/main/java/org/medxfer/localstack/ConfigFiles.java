package org.medxfer.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the config files the infrastructure JVMs read. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** Copies a resource next to this class to {@code target}. */
  static Path copyResource(String resource, Path target) throws IOException {
    try (InputStream in = ConfigFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the local-stack jar: " + resource);
      }
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
      return target;
    }
  }

  /** Writes {@code key=value} lines in the given order; {@code secret} files get mode 600. */
  static Path writeProperties(
      Path target, String header, Map<String, String> entries, boolean secret) throws IOException {
    String text =
        "# "
            + header
            + "\n"
            + entries.entrySet().stream()
                .map(e -> e.getKey() + "=" + escape(e.getValue()))
                .collect(Collectors.joining("\n"))
            + "\n";
    Files.createDirectories(target.getParent());
    if (secret) {
      PrivateFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    } else {
      Files.writeString(target, text, StandardCharsets.UTF_8);
    }
    return target;
  }

  /** java.util.Properties escaping for values (paths may hold backslashes on other systems). */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
