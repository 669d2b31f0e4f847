package org.medxfer.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One medxfer service from its Quarkus fast-jar, {@code <repoHome>/<module>/target/quarkus-app}. It
 * is ready when {@code /q/health/ready} answers 200, which SmallRye Health does once the gRPC
 * server and the service's own checks are up.
 */
final class ServiceLauncher implements ComponentLauncher {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final StackOptions options;
  private final StackLayout layout;
  private final ServiceLaunch launch;

  ServiceLauncher(StackOptions options, StackLayout layout, ServiceLaunch launch) {
    this.options = options;
    this.layout = layout;
    this.launch = launch;
  }

  /** Where the build puts a service's runnable jar. */
  static Path jar(Path repoHome, Component service) {
    return repoHome
        .resolve(service.id())
        .resolve("target")
        .resolve("quarkus-app")
        .resolve("quarkus-run.jar");
  }

  @Override
  public Component component() {
    return launch.service();
  }

  @Override
  public List<Integer> ports() {
    return List.of(options.ports().of(launch.service()));
  }

  @Override
  public LaunchedProcess launch() throws IOException {
    Component service = launch.service();
    List<String> command = new ArrayList<>();
    command.add(options.javaCommand().toString());
    command.addAll(launch.jvmOptions());
    for (Map.Entry<String, String> p : launch.systemProperties().entrySet()) {
      command.add("-D" + p.getKey() + "=" + p.getValue());
    }
    command.add("-jar");
    command.add(jar(options.repoHome(), service).toString());
    return ProcessLauncher.launch(
        service,
        command,
        layout.componentDir(service),
        layout.logFile(service),
        launch.environment());
  }

  @Override
  public Ready awaitReady(LaunchedProcess launched, Instant deadline) throws InterruptedException {
    int port = options.ports().of(launch.service());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + launch.readinessPath()))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    Readiness.await(
        launched,
        deadline,
        "GET " + launch.readinessPath() + " = 200",
        () -> HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return new Ready(launch.service() + " ready on 127.0.0.1:" + port + " (HTTP and gRPC)");
  }
}
