package org.medxfer.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a state dir records and which of its processes are alive.
 *
 * @param stateDir the state dir that was read
 * @param phase {@code starting}, {@code running}, or {@code none} when no stack is recorded
 * @param endpoints connection facts; null when no stack is recorded
 * @param components each recorded component and whether its process is alive
 */
public record StackStatus(
    Path stateDir, String phase, StackEndpoints endpoints, List<ComponentStatus> components) {

  public static final String NONE = "none";

  public StackStatus {
    components = List.copyOf(components);
  }

  /**
   * One recorded component.
   *
   * @param component component id
   * @param pid its process id
   * @param alive whether that process (same pid and start instant) is alive
   * @param ports ports it listens on
   * @param logFile its log, relative to the state dir
   */
  public record ComponentStatus(
      String component, long pid, boolean alive, List<Integer> ports, String logFile) {}

  public boolean recorded() {
    return endpoints != null;
  }

  /** Recorded, fully started, and every process alive. */
  public boolean healthy() {
    return recorded()
        && StackState.RUNNING.equals(phase)
        && components.stream().allMatch(ComponentStatus::alive);
  }

  /** Human-readable lines, without secrets. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (!recorded()) {
      lines.add("no stack recorded in " + stateDir);
      return lines;
    }
    lines.add("stack in " + stateDir + ": " + phase + (healthy() ? "" : " (not healthy)"));
    for (ComponentStatus c : components) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-18s pid %-8d %-5s ports %s  log %s",
              c.component(),
              c.pid(),
              c.alive() ? "up" : "DOWN",
              c.ports(),
              stateDir.resolve(c.logFile())));
    }
    lines.add("  kafka     " + endpoints.kafkaBootstrapServers());
    lines.add("  postgres  " + endpoints.jdbcUrl() + " (user " + endpoints.databaseUser() + ")");
    lines.add("  s3        " + endpoints.s3Endpoint() + " (bucket " + endpoints.bucket() + ")");
    lines.add("  secrets   " + stateDir.resolve("stack.json") + " (owner-only)");
    lines.add(
        "  token     "
            + LocalStack.tokenFile(stateDir)
            + " (owner-only; user local-user, project default)");
    return lines;
  }
}
