package org.medxfer.localstack;

import java.util.Map;
import java.util.stream.Collectors;

/** Some of the stack's ports are taken on 127.0.0.1; nothing was started. */
public class PortsInUseException extends LocalStackException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, Integer> taken;

  PortsInUseException(Map<String, Integer> taken) {
    super(
        "ports already in use on 127.0.0.1, nothing started: "
            + taken.entrySet().stream()
                .map(e -> e.getValue() + " (" + e.getKey() + ")")
                .collect(Collectors.joining(", "))
            + ". Stop whatever holds them, or choose other ports (a different port base).");
    this.taken = Map.copyOf(taken);
  }

  /** Each taken port by the role the stack wanted it for. */
  public Map<String, Integer> taken() {
    return taken;
  }
}
