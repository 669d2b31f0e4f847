package org.medxfer.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Polls a launched process until a check passes, the process dies, or the deadline passes. */
final class Readiness {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 40;

  /** A check that returns true when ready; an exception counts as "not yet". */
  @FunctionalInterface
  interface Check {
    boolean ready() throws Exception;
  }

  private Readiness() {}

  static void await(LaunchedProcess launched, Instant deadline, String waitingFor, Check check)
      throws InterruptedException {
    Exception lastError = null;
    while (true) {
      if (!launched.process().isAlive()) {
        throw failure(launched, "process exited with code " + launched.process().exitValue(), null);
      }
      try {
        if (check.ready()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastError = e;
      }
      if (Instant.now().isAfter(deadline)) {
        String reason =
            "not ready after "
                + String.format(Locale.ROOT, "%.0f s", launched.secondsSinceLaunch())
                + " (waiting for "
                + waitingFor
                + (lastError != null ? "; last error: " + lastError : "")
                + ")";
        throw failure(launched, reason, lastError);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  static ComponentStartException failure(LaunchedProcess launched, String reason, Throwable cause) {
    return new ComponentStartException(
        launched.component(),
        reason,
        launched.logFile(),
        LogTail.of(launched.logFile(), launched.logOffset(), LOG_TAIL_LINES),
        cause);
  }

  /** True once something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
