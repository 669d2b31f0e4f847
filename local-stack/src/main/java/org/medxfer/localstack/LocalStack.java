package org.medxfer.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts, stops and inspects the whole medxfer system on one machine, on 127.0.0.1: Kafka, an S3
 * server and PostgreSQL, then the four services, each its own process. A stack is identified by its
 * state dir, whose {@code stack.json} records every process; the processes outlive the JVM that
 * started them, so a later JVM can stop them.
 */
public final class LocalStack {
  /** How long a process may take to exit after SIGTERM when no other grace period is given. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

  private LocalStack() {}

  /**
   * Starts a stack and returns once every component is ready.
   *
   * @throws PortsInUseException when a port is taken (nothing is started)
   * @throws StackAlreadyRunningException when the state dir records a live stack
   * @throws ComponentStartException when a component fails (what was started is stopped again)
   * @throws LocalStackException for anything else that prevents the start
   */
  public static RunningStack start(StackOptions options) {
    return new StackStarter(options).start();
  }

  /** Stops the stack recorded in {@code stateDir}, giving each process the default grace period. */
  public static StopReport stop(Path stateDir) {
    return stop(stateDir, DEFAULT_STOP_GRACE, line -> {});
  }

  /**
   * Stops exactly the processes recorded in {@code stateDir}: services first, then the
   * infrastructure; SIGTERM, then SIGKILL after {@code grace}. A recorded pid that now belongs to a
   * different process is left alone. Removes {@code stack.json} once all are gone.
   *
   * @throws LocalStackException when a process survived SIGKILL ({@code stack.json} is kept)
   */
  public static StopReport stop(Path stateDir, Duration grace, Consumer<String> progress) {
    StackLayout layout = new StackLayout(stateDir);
    if (!layout.stackFile().toFile().exists()) {
      String line = "no stack recorded in " + layout.stateDir();
      progress.accept(line);
      return new StopReport(false, List.of(line));
    }
    try (StateDirLock lock = StateDirLock.acquire(layout)) {
      var state = StackStateFile.read(layout);
      if (state.isEmpty()) {
        return new StopReport(false, List.of("no stack recorded in " + layout.stateDir()));
      }
      StackStopper stopper = new StackStopper(grace, progress);
      if (!stopper.stop(state.get())) {
        throw new LocalStackException(
            "some processes could not be stopped; "
                + layout.stackFile()
                + " is kept:\n"
                + String.join("\n", stopper.lines()));
      }
      StackStateFile.delete(layout);
      return new StopReport(true, stopper.lines());
    }
  }

  /**
   * The token file of the stack started from {@code stateDir}: the token of {@code local-user} for
   * project {@code default}, readable by its owner only. It may not exist (no stack was started
   * there), and a token from a stopped stack is no longer valid once another one starts.
   */
  public static Path tokenFile(Path stateDir) {
    return new StackLayout(stateDir).tokenFile();
  }

  /** What {@code stateDir} records and which of those processes are alive. */
  public static StackStatus status(Path stateDir) {
    StackLayout layout = new StackLayout(stateDir);
    return StackStateFile.read(layout)
        .map(
            state ->
                new StackStatus(
                    layout.stateDir(),
                    state.phase(),
                    state.endpoints(),
                    state.components().stream()
                        .map(
                            c ->
                                new StackStatus.ComponentStatus(
                                    c.component(),
                                    c.process().pid(),
                                    c.process().alive()
                                        && c.helpers().stream().allMatch(ProcessRecord::alive),
                                    c.ports(),
                                    c.logFile()))
                        .toList()))
        .orElseGet(() -> new StackStatus(layout.stateDir(), StackStatus.NONE, null, List.of()));
  }
}
