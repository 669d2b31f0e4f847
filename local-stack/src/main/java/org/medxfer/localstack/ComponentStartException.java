package org.medxfer.localstack;

import java.nio.file.Path;

/**
 * A component did not become ready. Everything the start had launched has been stopped again; the
 * message names the component, the reason and the end of its log.
 */
public class ComponentStartException extends LocalStackException {
  private static final long serialVersionUID = 1L;

  private final Component component;
  private final String logFile;

  ComponentStartException(Component component, String reason, Path logFile, String logTail) {
    this(component, reason, logFile, logTail, null);
  }

  ComponentStartException(
      Component component, String reason, Path logFile, String logTail, Throwable cause) {
    super(
        component
            + " failed to start: "
            + reason
            + "\nlog: "
            + logFile
            + (logTail.isBlank() ? "" : "\n--- last lines of the log ---\n" + logTail),
        cause);
    this.component = component;
    this.logFile = logFile.toString();
  }

  public Component component() {
    return component;
  }

  public Path logFile() {
    return Path.of(logFile);
  }
}
