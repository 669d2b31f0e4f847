package org.medxfer.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process the stack started, identified by pid and start instant together: a pid alone may have
 * been reused by an unrelated process since, and that process must never be signalled.
 *
 * @param pid operating-system process id
 * @param startedAt the start instant the operating system reports for the process
 */
public record ProcessRecord(long pid, Instant startedAt) {

  /**
   * Two JVMs may compute a process's start instant a little differently (it is derived from the
   * boot time, which moves when the wall clock is stepped), so instants this close count as equal.
   * A reused pid belongs to a process started later than that.
   */
  static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  static ProcessRecord of(ProcessHandle handle) {
    Optional<Instant> started = handle.info().startInstant();
    if (started.isPresent()) {
      return new ProcessRecord(handle.pid(), started.get());
    }
    if (!handle.isAlive()) {
      // Already gone (it failed at once): a record that matches no live process.
      return new ProcessRecord(handle.pid(), Instant.EPOCH);
    }
    throw new IllegalStateException("the system reports no start time for pid " + handle.pid());
  }

  /** The live process this record names, if it is still running and is still the same process. */
  public Optional<ProcessHandle> live() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
  }

  public boolean alive() {
    return live().isPresent();
  }

  /** True when the pid is in use by a process that started at a different time. */
  boolean pidReused() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> !sameStart(h))
        .isPresent();
  }

  private boolean sameStart(ProcessHandle handle) {
    return handle
        .info()
        .startInstant()
        .map(s -> Duration.between(s, startedAt).abs().compareTo(START_TOLERANCE) <= 0)
        .orElse(false);
  }
}
