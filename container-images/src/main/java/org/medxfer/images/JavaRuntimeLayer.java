package org.medxfer.images;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java runtime for an image whose base has none: the CUDA runtime base of the GPU trainer, or
 * {@code scratch} where no base image can be pulled.
 *
 * <p>The runtime is made by {@code jlink} from the JDK given (every module, stripped), and goes to
 * {@code /opt/java}. With system libraries (for {@code scratch}), the C and C++ runtime libraries
 * the JVM and TensorFlow's natives link against are copied from the build machine, found with
 * {@code ldd}; the image then runs on the build machine's glibc, which suits an offline build and a
 * smoke test, not a production image.
 */
final class JavaRuntimeLayer {

  static final String JAVA_HOME = "/opt/java";
  static final String JAVA = JAVA_HOME + "/bin/java";

  /** Libraries TensorFlow's natives need beyond what the JVM itself links. */
  private static final List<String> NATIVE_COMPANIONS =
      List.of("libdl.so.2", "libpthread.so.0", "librt.so.1", "libstdc++.so.6", "libgcc_s.so.1");

  private static final Pattern LDD_LINE = Pattern.compile("=>\\s+(/\\S+)|^\\s*(/\\S+)\\s+\\(");

  private final Path jdk;
  private final boolean withSystemLibraries;

  JavaRuntimeLayer(Path jdk, boolean withSystemLibraries) {
    this.jdk = jdk;
    this.withSystemLibraries = withSystemLibraries;
  }

  Map<String, String> environment() {
    String path = JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    if (withSystemLibraries) {
      return Map.of(
          "JAVA_HOME",
          JAVA_HOME,
          "PATH",
          path,
          "HOME",
          "/tmp",
          "LD_LIBRARY_PATH",
          "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu");
    }
    return Map.of("JAVA_HOME", JAVA_HOME, "PATH", path, "HOME", "/tmp");
  }

  List<FileEntriesLayer> layers(Path workDir) throws IOException {
    Path runtime = jlink(workDir.resolve("java-runtime"));
    List<FileEntriesLayer> layers = new ArrayList<>();
    if (withSystemLibraries) {
      layers.add(systemLibraries(runtime, workDir));
    }
    FileEntriesLayer.Builder java = FileEntriesLayer.builder().setName("java-runtime");
    ServiceImageBuilder.addTree(java, runtime, AbsoluteUnixPath.get(JAVA_HOME));
    layers.add(java.build());
    return layers;
  }

  private Path jlink(Path output) throws IOException {
    if (Files.isRegularFile(output.resolve("bin/java"))) {
      return output;
    }
    Path jlink = jdk.resolve("bin/jlink");
    if (!Files.isExecutable(jlink) || !Files.isDirectory(jdk.resolve("jmods"))) {
      throw new IllegalArgumentException(
          "java-runtime " + jdk + " is not a JDK with bin/jlink and jmods/");
    }
    run(
        List.of(
            jlink.toString(),
            "--module-path",
            jdk.resolve("jmods").toString(),
            "--add-modules",
            "ALL-MODULE-PATH",
            "--strip-debug",
            "--no-man-pages",
            "--no-header-files",
            "--output",
            output.toString()));
    return output;
  }

  /** The libraries ldd names for every program and library of the runtime, and the loader. */
  private FileEntriesLayer systemLibraries(Path runtime, Path workDir) throws IOException {
    TreeSet<String> libraries = new TreeSet<>();
    List<Path> binaries;
    try (var paths = Files.walk(runtime)) {
      binaries =
          paths
              .filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".so") || p.getParent().endsWith("bin"))
              .toList();
    }
    Path runtimeRoot = runtime.toRealPath();
    for (Path binary : binaries) {
      for (String library : ldd(binary)) {
        // The runtime's own libraries (found through $ORIGIN) are in the runtime layer already.
        if (!Path.of(library).toRealPath().startsWith(runtimeRoot)) {
          libraries.add(library);
        }
      }
    }
    Path libc =
        libraries.stream()
            .map(Path::of)
            .filter(p -> p.getFileName().toString().startsWith("libc.so"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("ldd found no libc for " + runtime));
    for (String companion : NATIVE_COMPANIONS) {
      Path library = libc.resolveSibling(companion);
      if (Files.exists(library)) {
        libraries.add(library.toString());
      }
    }
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system-libraries");
    for (String library : libraries) {
      // Symbolic links are resolved: the image gets the file under the name the loader asks for.
      layer.addEntry(
          Path.of(library).toRealPath(),
          AbsoluteUnixPath.get(library),
          ServiceImageBuilder.DIRECTORY,
          Instant.EPOCH);
    }
    // Java and TensorFlow's native loader write to /tmp; the chart mounts a volume there.
    Path emptyTmp = Files.createDirectories(workDir.resolve("empty-tmp"));
    layer.addEntry(
        emptyTmp,
        AbsoluteUnixPath.get("/tmp"),
        FilePermissions.fromOctalString("777"),
        Instant.EPOCH);
    return layer.build();
  }

  private static List<String> ldd(Path binary) throws IOException {
    String out = run(List.of("ldd", binary.toString()));
    List<String> libraries = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = LDD_LINE.matcher(line);
      if (m.find()) {
        libraries.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    return libraries;
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      int status = process.waitFor();
      // ldd exits 1 for a file that is not dynamic (a static helper); that is not an error here.
      if (status != 0 && !command.get(0).equals("ldd")) {
        throw new IOException(String.join(" ", command) + " failed (" + status + "): " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
    return out;
  }
}
