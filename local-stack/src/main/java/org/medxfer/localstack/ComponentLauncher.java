package org.medxfer.localstack;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Launches one component as a child process and waits until it serves requests. */
interface ComponentLauncher {

  Component component();

  /** Ports the component listens on, first the one clients use. */
  List<Integer> ports();

  /** Prepares config and data under the state dir and starts the process; does not wait. */
  LaunchedProcess launch() throws IOException, InterruptedException;

  /**
   * Blocks until the component is ready or fails.
   *
   * @throws ComponentStartException when it died or was not ready by {@code deadline}
   */
  Ready awaitReady(LaunchedProcess launched, Instant deadline) throws InterruptedException;

  /**
   * A ready component.
   *
   * @param description what is ready where, for the progress line
   * @param helpers processes it spawned that must be stopped with it
   */
  record Ready(String description, List<ProcessRecord> helpers) {
    Ready(String description) {
      this(description, List.of());
    }
  }
}
