package org.medxfer.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Command line for manual use: {@code up|down|status [--home DIR] [--state-dir DIR] [--port-base N]
 * [--infra-only]}. The CLI module offers the same through {@code ./medxfer up|down}.
 */
public final class LocalStackMain {
  private static final String USAGE =
      "usage: LocalStackMain up|down|status [--home DIR] [--state-dir DIR] [--port-base N]"
          + " [--infra-only]\n"
          + "  --home DIR       repository root (default: current directory)\n"
          + "  --state-dir DIR  logs, data and stack.json (default: <home>/.medxfer/stack)\n"
          + "  --port-base N    ports N..N+7 instead of the defaults (up only)\n"
          + "  --infra-only     start Kafka, S3 and PostgreSQL but no service (up only)";

  private LocalStackMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (LocalStackException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      code = 1;
    }
    // Exit explicitly: client libraries may leave non-daemon threads behind, and the stack's
    // processes do not depend on this JVM.
    System.exit(code);
  }

  /** Runs one command; returns the exit code (status: 0 healthy, 3 not running or unhealthy). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    if (rest.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    String command = rest.removeFirst();
    Path home = Path.of("").toAbsolutePath();
    Path stateDir = null;
    Integer portBase = null;
    boolean infraOnly = false;
    while (!rest.isEmpty()) {
      String option = rest.removeFirst();
      switch (option) {
        case "--home" -> home = Path.of(value(rest, option)).toAbsolutePath();
        case "--state-dir" -> stateDir = Path.of(value(rest, option)).toAbsolutePath();
        case "--port-base" -> portBase = Integer.parseInt(value(rest, option));
        case "--infra-only" -> infraOnly = true;
        default -> {
          err.println("unknown option " + option + "\n" + USAGE);
          return 2;
        }
      }
    }
    Path dir = stateDir != null ? stateDir : StackOptions.defaultStateDir(home);
    switch (command) {
      case "up" -> {
        StackOptions.Builder options =
            StackOptions.builder(home).stateDir(dir).progress(out::println);
        if (portBase != null) {
          options.ports(StackPorts.fromBase(portBase));
        }
        if (infraOnly) {
          options.infrastructureOnly();
        }
        LocalStack.start(options.build());
        LocalStack.status(dir).describe().forEach(out::println);
        return 0;
      }
      case "down" -> {
        LocalStack.stop(dir, LocalStack.DEFAULT_STOP_GRACE, out::println);
        return 0;
      }
      case "status" -> {
        StackStatus status = LocalStack.status(dir);
        status.describe().forEach(out::println);
        return status.healthy() ? 0 : 3;
      }
      default -> {
        err.println("unknown command " + command + "\n" + USAGE);
        return 2;
      }
    }
  }

  private static String value(Deque<String> rest, String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.removeFirst();
  }
}
