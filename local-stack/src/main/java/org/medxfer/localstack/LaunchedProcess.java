package org.medxfer.localstack;

import java.nio.file.Path;

/**
 * A child process started by this JVM during a start.
 *
 * @param component what it is
 * @param process the child
 * @param record its pid and start instant, as written to {@code stack.json}
 * @param logFile where its output goes
 * @param logOffset size of the log before this launch, so failures show only this run's lines
 * @param launchedAtNanos {@link System#nanoTime()} at launch, for the "ready after" figures
 */
record LaunchedProcess(
    Component component,
    Process process,
    ProcessRecord record,
    Path logFile,
    long logOffset,
    long launchedAtNanos) {

  double secondsSinceLaunch() {
    return (System.nanoTime() - launchedAtNanos) / 1e9;
  }
}
