package org.medxfer.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one service's container image as a tarball with Jib, without a Docker daemon.
 *
 * <p>The application is Quarkus's fast-jar folder ({@code target/quarkus-app}), laid out in four
 * layers from the least to the most often changed (boot libraries, libraries, Quarkus metadata,
 * application), so a rebuild after a code change replaces only the last one. The base image is a
 * registry image for real builds, a {@code tar://} image made elsewhere, or {@code scratch}; an
 * image without its own Java gets a Java runtime layer ({@link JavaRuntimeLayer}).
 */
public final class ServiceImageBuilder {

  /** Where the application lives in the image (the Quarkus container convention). */
  static final AbsoluteUnixPath APP_ROOT = AbsoluteUnixPath.get("/deployments");

  /** The unprivileged user the chart runs every container as. */
  static final String USER = "185";

  private static final String TAR_PREFIX = "tar://";

  private final ImageSpec spec;

  public ServiceImageBuilder(ImageSpec spec) {
    this.spec = spec;
  }

  /** Builds the tarball and returns the image's digest. */
  public String build() throws IOException {
    try {
      JibContainerBuilder builder = base(spec.baseImage());
      List<FileEntriesLayer> layers = new ArrayList<>();
      List<String> entrypoint = new ArrayList<>();
      Map<String, String> environment = new LinkedHashMap<>(spec.environment());
      if (spec.javaRuntime() != null) {
        JavaRuntimeLayer runtime =
            new JavaRuntimeLayer(spec.javaRuntime(), spec.withSystemLibraries());
        layers.addAll(runtime.layers(spec.workDir()));
        environment.putAll(runtime.environment());
        entrypoint.add(JavaRuntimeLayer.JAVA);
      } else {
        entrypoint.add("java");
      }
      for (Map.Entry<String, String> extra : spec.extraDirs().entrySet()) {
        // Files the service reads at run time, e.g. the trainer's registered ImageNet weights.
        FileEntriesLayer.Builder layer =
            FileEntriesLayer.builder().setName("extra " + extra.getKey());
        addTree(layer, Path.of(extra.getKey()), AbsoluteUnixPath.get(extra.getValue()));
        layers.add(layer.build());
      }
      layers.addAll(applicationLayers(spec.appDir()));
      entrypoint.addAll(
          List.of(
              "-XX:MaxRAMPercentage=75",
              "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
              "-jar",
              APP_ROOT.resolve("quarkus-run.jar").toString()));
      builder
          .setFileEntriesLayers(layers)
          .setEntrypoint(entrypoint)
          .setEnvironment(environment)
          .setWorkingDirectory(APP_ROOT)
          .setUser(USER)
          .setExposedPorts(Set.of(Port.tcp(8080)))
          .setLabels(spec.labels())
          .setFormat(ImageFormat.OCI)
          .setCreationTime(Instant.EPOCH);
      Files.createDirectories(spec.output().getParent());
      TarImage target = TarImage.at(spec.output()).named(spec.imageReference());
      Containerizer containerizer =
          Containerizer.to(target)
              .setOfflineMode(!isRegistryImage(spec.baseImage()))
              .setBaseImageLayersCache(spec.workDir().resolve("jib-base-cache"))
              .setApplicationLayersCache(spec.workDir().resolve("jib-app-cache"))
              .setToolName("medxfer-container-images");
      JibContainer container = builder.containerize(containerizer);
      return container.getDigest().toString();
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("invalid image reference: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("image build interrupted", e);
    } catch (java.util.concurrent.ExecutionException
        | com.google.cloud.tools.jib.api.RegistryException
        | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      throw new IOException("image build of " + spec.imageReference() + " failed: " + e, e);
    }
  }

  static boolean isRegistryImage(String baseImage) {
    return !baseImage.startsWith(TAR_PREFIX) && !"scratch".equals(baseImage);
  }

  private static JibContainerBuilder base(String baseImage) throws InvalidImageReferenceException {
    if ("scratch".equals(baseImage)) {
      return Jib.fromScratch();
    }
    if (baseImage.startsWith(TAR_PREFIX)) {
      return Jib.from(TarImage.at(Path.of(baseImage.substring(TAR_PREFIX.length()))));
    }
    return Jib.from(RegistryImage.named(ImageReference.parse(baseImage)));
  }

  /** Quarkus fast-jar folders as layers, least often changed first. */
  static List<FileEntriesLayer> applicationLayers(Path appDir) throws IOException {
    Path runner = appDir.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(runner)) {
      throw new IllegalArgumentException(
          "app-dir " + appDir + " has no quarkus-run.jar: package the service first");
    }
    List<FileEntriesLayer> layers = new ArrayList<>();
    layers.add(folderLayer("boot-libraries", appDir.resolve("lib/boot"), "lib/boot"));
    layers.add(folderLayer("libraries", appDir.resolve("lib/main"), "lib/main"));
    FileEntriesLayer.Builder quarkus =
        FileEntriesLayer.builder()
            .setName("quarkus")
            .addEntry(runner, APP_ROOT.resolve("quarkus-run.jar"), READ_ONLY, Instant.EPOCH);
    addTree(quarkus, appDir.resolve("quarkus"), APP_ROOT.resolve("quarkus"));
    layers.add(quarkus.build());
    layers.add(folderLayer("application", appDir.resolve("app"), "app"));
    return layers;
  }

  static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("644");
  static final FilePermissions DIRECTORY = FilePermissions.fromOctalString("755");

  private static FileEntriesLayer folderLayer(String name, Path folder, String into)
      throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    if (Files.isDirectory(folder)) {
      addTree(layer, folder, APP_ROOT.resolve(into));
    }
    return layer.build();
  }

  /** Adds a folder's files in a stable order, so equal inputs give equal layers. */
  static void addTree(FileEntriesLayer.Builder layer, Path folder, AbsoluteUnixPath into)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted().toList()) {
        String relative = folder.relativize(path).toString().replace('\\', '/');
        AbsoluteUnixPath target = relative.isEmpty() ? into : into.resolve(relative);
        boolean directory = Files.isDirectory(path);
        // Only folders and programs (the Java runtime's bin/) are executable; jars are not.
        FilePermissions permissions =
            directory || Files.isExecutable(path) && !path.toString().endsWith(".jar")
                ? DIRECTORY
                : READ_ONLY;
        layer.addEntry(path, target, permissions, Instant.EPOCH);
      }
    }
  }

  /** What to build: names, base, inputs and output. */
  public record ImageSpec(
      String imageReference,
      String baseImage,
      Path appDir,
      Path output,
      Path workDir,
      Path javaRuntime,
      boolean withSystemLibraries,
      Map<String, String> environment,
      Map<String, String> labels,
      Map<String, String> extraDirs) {

    public ImageSpec {
      environment = Map.copyOf(environment);
      labels = Map.copyOf(labels);
      extraDirs = Map.copyOf(extraDirs);
    }
  }

  /** The options {@link #main} accepts. */
  static final Set<String> OPTIONS =
      Set.of(
          "--image",
          "--base",
          "--app-dir",
          "--output",
          "--work-dir",
          "--java-runtime",
          "--system-libraries",
          "--env",
          "--label",
          "--extra-dir");

  /**
   * Builds one image. Options: {@code --image REF --base IMAGE --app-dir DIR --output FILE
   * [--work-dir DIR] [--java-runtime JAVA_HOME|none] [--system-libraries true|false] [--env K=V]...
   * [--label K=V]... [--extra-dir SOURCE=/path/in/image]...}.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> single = new LinkedHashMap<>();
    Map<String, String> environment = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> extraDirs = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!OPTIONS.contains(option) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + option);
      }
      String value = args[i + 1];
      switch (option) {
        case "--env" -> putPair(environment, option, value);
        case "--label" -> putPair(labels, option, value);
        case "--extra-dir" -> putPair(extraDirs, option, value);
        default -> single.put(option, value);
      }
    }
    Path output = Path.of(require(single, "--output"));
    String runtime = single.getOrDefault("--java-runtime", "none");
    ImageSpec spec =
        new ImageSpec(
            require(single, "--image"),
            require(single, "--base"),
            Path.of(require(single, "--app-dir")),
            output,
            Path.of(
                single.getOrDefault("--work-dir", output.getParent().resolve("work").toString())),
            "none".equals(runtime) || runtime.isBlank() ? null : Path.of(runtime),
            Boolean.parseBoolean(single.getOrDefault("--system-libraries", "false")),
            environment,
            labels,
            extraDirs);
    long start = System.nanoTime();
    String digest = new ServiceImageBuilder(spec).build();
    System.out.printf(
        "image %s (base %s) -> %s, %d MiB, %s, %.1f s%n",
        spec.imageReference(),
        spec.baseImage(),
        output,
        Files.size(output) >> 20,
        digest,
        (System.nanoTime() - start) / 1e9);
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing option " + name);
    }
    return value;
  }

  private static void putPair(Map<String, String> into, String option, String pair) {
    int equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException(option + " wants KEY=VALUE, got " + pair);
    }
    into.put(pair.substring(0, equals), pair.substring(equals + 1));
  }
}
