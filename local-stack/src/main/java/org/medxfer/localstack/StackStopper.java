package org.medxfer.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Stops the processes a {@link StackState} records, and only those: each is identified by pid and
 * start instant, so a pid reused by another process is left alone. Services go first (they hold
 * connections to the infrastructure), then the infrastructure, then helper processes that survived
 * their parent. Within a phase all processes get SIGTERM at once; one still alive after the grace
 * period gets SIGKILL.
 */
final class StackStopper {
  /** After SIGKILL the kernel needs only a moment; waiting longer means something is wrong. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  /** A helper process gets this long to finish exiting after its component did. */
  private static final Duration HELPER_WAIT = Duration.ofSeconds(5);

  private static final List<Component> SERVICE_STOP_ORDER =
      List.of(
          Component.GATEWAY,
          Component.TRAINER_SERVICE,
          Component.EVALUATOR_SERVICE,
          Component.DATASET_SERVICE);

  private final Duration grace;
  private final Consumer<String> progress;
  private final List<String> lines = new ArrayList<>();
  private boolean allGone = true;

  StackStopper(Duration grace, Consumer<String> progress) {
    this.grace = grace;
    this.progress = progress;
  }

  /** Stops everything in {@code state}; true when every recorded process is gone afterwards. */
  boolean stop(StackState state) {
    List<Target> services = new ArrayList<>();
    for (Component service : SERVICE_STOP_ORDER) {
      state
          .component(service)
          .ifPresent(c -> services.add(new Target(service.id(), c.process(), false)));
    }
    stopPhase(services);

    List<Target> infrastructure = new ArrayList<>();
    List<Target> helpers = new ArrayList<>();
    for (Component infra : Component.infrastructure()) {
      Optional<ComponentRecord> record = state.component(infra);
      record.ifPresent(c -> infrastructure.add(new Target(infra.id(), c.process(), false)));
      record.ifPresent(
          c -> c.helpers().forEach(h -> helpers.add(new Target(infra.id() + " server", h, true))));
    }
    stopPhase(infrastructure);
    // Normally already gone: the PostgreSQL wrapper stops its server on SIGTERM.
    stopPhase(helpers);
    return allGone;
  }

  List<String> lines() {
    return lines;
  }

  /**
   * A process to stop.
   *
   * @param helper true for a process its component normally stops itself (the PostgreSQL server)
   */
  private record Target(String name, ProcessRecord record, boolean helper) {}

  /** A signalled process; {@code exited} completes with the time its exit was seen. */
  private record Signalled(
      Target target, ProcessHandle handle, long signalledAtNanos, CompletableFuture<Long> exited) {}

  private void stopPhase(List<Target> targets) {
    List<Signalled> signalled = new ArrayList<>();
    for (Target target : targets) {
      Optional<ProcessHandle> live = target.record().live();
      if (live.isPresent() && target.helper()) {
        // Its component is stopping it; signal it only if it outlasts a short wait.
        live = awaitOwnExit(live.get());
      }
      if (live.isEmpty()) {
        if (target.record().pidReused()) {
          report(
              target.name()
                  + ": pid "
                  + target.record().pid()
                  + " now belongs to another process; left alone");
        } else if (target.helper()) {
          report(target.name() + " exited with its component (pid " + target.record().pid() + ")");
        } else {
          report(target.name() + " was not running (pid " + target.record().pid() + ")");
        }
        continue;
      }
      ProcessHandle handle = live.get();
      long signalledAt = System.nanoTime();
      CompletableFuture<Long> exited = handle.onExit().thenApply(h -> System.nanoTime());
      handle.destroy();
      signalled.add(new Signalled(target, handle, signalledAt, exited));
    }
    Instant deadline = Instant.now().plus(grace);
    for (Signalled s : signalled) {
      if (awaitExit(s, Duration.between(Instant.now(), deadline))) {
        report(describe(s, "stopped"));
        continue;
      }
      s.handle().destroyForcibly();
      if (awaitExit(s, KILL_WAIT)) {
        report(describe(s, "killed after " + grace.toSeconds() + " s without exiting on SIGTERM"));
      } else {
        allGone = false;
        report(describe(s, "STILL RUNNING after SIGKILL"));
      }
    }
  }

  private static Optional<ProcessHandle> awaitOwnExit(ProcessHandle handle) {
    try {
      handle.onExit().get(HELPER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException | ExecutionException e) {
      return handle.isAlive() ? Optional.of(handle) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return handle.isAlive() ? Optional.of(handle) : Optional.empty();
    }
  }

  private static boolean awaitExit(Signalled s, Duration timeout) {
    try {
      s.exited().get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !s.handle().isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !s.handle().isAlive();
    }
  }

  private static String describe(Signalled s, String outcome) {
    long end = s.exited().getNow(System.nanoTime());
    double seconds = (end - s.signalledAtNanos()) / 1e9;
    return String.format(
        Locale.ROOT,
        "%s %s (pid %d, %.1f s)",
        s.target().name(),
        outcome,
        s.handle().pid(),
        seconds);
  }

  private void report(String line) {
    lines.add(line);
    progress.accept(line);
  }
}
