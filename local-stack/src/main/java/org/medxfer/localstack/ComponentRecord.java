package org.medxfer.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * One component of a started stack as recorded in {@code stack.json}.
 *
 * @param component the component id ({@link Component#id()})
 * @param process the process the stack launched
 * @param helpers processes the component spawned that outlive it if it is killed (the PostgreSQL
 *     server, forked by the wrapper JVM); stopped after {@code process}
 * @param ports the ports it listens on
 * @param logFile its log file
 */
public record ComponentRecord(
    String component,
    ProcessRecord process,
    List<ProcessRecord> helpers,
    List<Integer> ports,
    String logFile) {

  public ComponentRecord {
    helpers = List.copyOf(helpers);
    ports = List.copyOf(ports);
  }

  public Component kind() {
    return Component.byId(component);
  }

  ComponentRecord withHelper(ProcessRecord helper) {
    List<ProcessRecord> all = new ArrayList<>(helpers);
    all.add(helper);
    return new ComponentRecord(component, process, all, ports, logFile);
  }
}
