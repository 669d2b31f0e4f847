package org.medxfer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medxfer.localstack.Component;
import org.medxfer.proto.study.v1.TrialState;

/**
 * No secret is ever logged: after the stack has imported a data set and trained a trial, no log it
 * wrote (Kafka, s3proxy, PostgreSQL, each service) nor any line it printed holds a secret it was
 * given, a bearer token, or private key text. A finding names the file, the line number and what
 * was found, never the secret itself. It runs after every other class that shares the stack, so
 * their calls (tokens refused included) are in the logs it reads.
 */
@Order(Integer.MAX_VALUE)
@Timeout(600)
@ExtendWith(SystemStackExtension.class)
class NoSecretInLogsIT {

  private static SystemStack system;

  @BeforeAll
  static void useTheSharedStack(SystemStack shared) {
    system = shared;
  }

  @Test
  void noLogOfTheStackHoldsASecretOrAToken() throws IOException {
    // BreastMNIST was imported when the stack started; make sure a trial was trained too.
    assertThat(system.tinyTrial().getState()).isEqualTo(TrialState.TRIAL_STATE_SUCCEEDED);
    Map<String, String> secrets = system.secrets();
    SecretFinder finder = new SecretFinder(secrets);

    List<Path> logs = logFiles();
    assertThat(logs)
        .as("a log of every component")
        .containsAll(Stream.of(Component.values()).map(c -> system.stack().logFile(c)).toList());

    List<String> findings = new ArrayList<>();
    long lines = 0;
    for (Path log : logs) {
      List<String> content = read(log);
      lines += content.size();
      findings.addAll(
          finder.findingsIn(system.stack().stateDir().relativize(log).toString(), content));
    }
    findings.addAll(finder.findingsIn("the stack's progress lines", system.progressLines()));
    System.out.printf(
        "[secrets] %d log files, %d lines searched for %d secret values (%s) and secret shapes%n",
        logs.size(), lines, secrets.size(), String.join(", ", secrets.keySet()));

    assertThat(findings).as("secrets in the stack's logs").isEmpty();
  }

  /**
   * Every log under the state dir: the log each process writes ({@code logs/}), and any log folder
   * a server keeps in its own data dir. Kafka's data segments also end in {@code .log}; they hold
   * records, not log lines, and are left out.
   */
  private static List<Path> logFiles() throws IOException {
    Path stateDir = system.stack().stateDir();
    try (Stream<Path> files = Files.walk(stateDir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> inLogFolder(stateDir.relativize(file)))
          .sorted()
          .toList();
    }
  }

  private static boolean inLogFolder(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals("logs") || part.toString().equals("log")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> read(Path log) {
    try {
      // A process may have written bytes that are not UTF-8; they cannot hide an ASCII secret.
      return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
