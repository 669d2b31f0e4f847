package org.medxfer.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3 API server (s3proxy) storing objects as files under {@code <stateDir>/s3/data}. Requests
 * must be signed (AWS v2 or v4) with the identity and credential generated for this start.
 */
final class S3ProxyLauncher implements ComponentLauncher {
  /**
   * Requests are signed for this region; s3proxy accepts any, and naming one skips a lookup call.
   */
  static final String REGION = "us-east-1";

  /** Object-key prefix of pretrained weight files; the trainer's weight store reads the same. */
  static final String WEIGHTS_PREFIX = "weights/";

  private final StackOptions options;
  private final StackLayout layout;
  private final String accessKey;
  private final String secretKey;

  S3ProxyLauncher(StackOptions options, StackLayout layout, String accessKey, String secretKey) {
    this.options = options;
    this.layout = layout;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  @Override
  public Component component() {
    return Component.S3;
  }

  @Override
  public List<Integer> ports() {
    return List.of(options.ports().s3());
  }

  static String endpoint(StackPorts ports) {
    return "http://127.0.0.1:" + ports.s3();
  }

  @Override
  public LaunchedProcess launch() throws IOException {
    Path dir = layout.componentDir(Component.S3);
    Path dataDir = dir.resolve("data");
    Files.createDirectories(dataDir);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("s3proxy.endpoint", endpoint(options.ports()));
    p.put("s3proxy.authorization", "aws-v2-or-v4");
    p.put("s3proxy.identity", accessKey);
    p.put("s3proxy.credential", secretKey);
    p.put("jclouds.provider", "filesystem-nio2");
    p.put("jclouds.filesystem.basedir", dataDir.toString());
    // The credential is in this file, so it is private and the command line only names it.
    Path properties =
        ConfigFiles.writeProperties(
            dir.resolve("s3proxy.properties"),
            "Written by medxfer local-stack at every start; holds this start's credential.",
            p,
            true);
    Path logback = ConfigFiles.copyResource("s3proxy-logback.xml", dir.resolve("logback.xml"));
    Path argFile = InfraClasspath.writeArgFile(InfraClasspath.S3PROXY, dir);

    List<String> command = new ArrayList<>();
    command.add(options.javaCommand().toString());
    command.addAll(InfraJvm.OPTIONS);
    command.addAll(
        List.of(
            "-Xmx384m",
            "-Dlogback.configurationFile=" + logback,
            "@" + argFile,
            "org.gaul.s3proxy.Main",
            "--properties",
            properties.toString()));
    return ProcessLauncher.launch(
        Component.S3, command, dir, layout.logFile(Component.S3), Map.of());
  }

  @Override
  public Ready awaitReady(LaunchedProcess launched, Instant deadline) throws InterruptedException {
    Readiness.await(
        launched, deadline, "the S3 listener", () -> Readiness.listening(options.ports().s3()));
    // A signed call both proves the credentials work and creates the bucket the services expect.
    S3BucketClient client =
        new S3BucketClient(endpoint(options.ports()), REGION, accessKey, secretKey);
    Readiness.await(
        launched,
        deadline,
        "bucket " + options.bucket(),
        () -> {
          client.createBucketIfMissing(options.bucket());
          return true;
        });
    uploadShippedWeights(client);
    return new Ready("s3 ready on " + endpoint(options.ports()) + ", bucket " + options.bucket());
  }

  /**
   * The trainer reads pretrained weights from the object store, never from the repository: the
   * shipped {@code data/weights/*.h5} files go to {@value #WEIGHTS_PREFIX}{@code <file>}, the key
   * the trainer's weight store reads (it checks each file's sha256 against its registry).
   */
  private void uploadShippedWeights(S3BucketClient client) throws InterruptedException {
    Path weights = options.repoHome().resolve("data").resolve("weights");
    if (!Files.isDirectory(weights)) {
      return;
    }
    try (var files = Files.list(weights)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".h5")).sorted().toList()) {
        client.putObject(
            options.bucket(), WEIGHTS_PREFIX + file.getFileName(), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload the shipped weights in " + weights, e);
    }
  }
}
