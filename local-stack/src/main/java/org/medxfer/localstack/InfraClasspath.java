package org.medxfer.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classpaths of the infrastructure JVMs. The build writes one file per JVM into this jar ({@code
 * kafka.classpath}, {@code s3proxy.classpath}, {@code postgres.classpath}); they list absolute
 * paths into the local Maven repository that resolved them.
 */
final class InfraClasspath {
  static final String KAFKA = "kafka";
  static final String S3PROXY = "s3proxy";
  static final String POSTGRES = "postgres";

  private InfraClasspath() {}

  /** The entries of the named classpath, this module's own code first. */
  static List<Path> entries(String name) {
    String resource = name + ".classpath";
    try (InputStream in = InfraClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new LocalStackException(
            resource + " is missing from the local-stack jar; rebuild the local-stack module");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      List<Path> entries = new ArrayList<>();
      entries.add(ownCode());
      Arrays.stream(text.split(File.pathSeparator))
          .filter(s -> !s.isBlank())
          .map(Path::of)
          .forEach(entries::add);
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails before anything starts when the local Maven repository no longer has an entry. */
  static void requireComplete(String name) {
    List<Path> missing = entries(name).stream().filter(p -> !Files.exists(p)).toList();
    if (!missing.isEmpty()) {
      throw new LocalStackException(
          name
              + " classpath has "
              + missing.size()
              + " missing entries (first: "
              + missing.get(0)
              + "); rebuild the local-stack module so Maven downloads them again");
    }
  }

  /**
   * Writes a JVM argument file holding {@code -cp <classpath>}: the command line, and so {@code
   * ps}, stays short, and no length limit is hit.
   */
  static Path writeArgFile(String name, Path dir) throws IOException {
    StringBuilder classpath = new StringBuilder();
    for (Path entry : entries(name)) {
      if (classpath.length() > 0) {
        classpath.append(File.pathSeparator);
      }
      classpath.append(entry);
    }
    Path argFile = dir.resolve(name + ".classpath.args");
    Files.createDirectories(dir);
    Files.writeString(argFile, "-cp\n" + quote(classpath.toString()) + "\n");
    return argFile;
  }

  /** Argument-file quoting: double quotes, with backslashes and quotes escaped. */
  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The jar (or classes directory) this class was loaded from; it holds the PostgreSQL wrapper. */
  private static Path ownCode() {
    try {
      return Path.of(
          InfraClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
