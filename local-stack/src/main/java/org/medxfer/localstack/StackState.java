package org.medxfer.localstack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The content of {@code stack.json}: what was started, so that another JVM can find and stop it.
 *
 * @param phase {@link #STARTING} while components come up, {@link #RUNNING} once all are ready
 * @param repoHome repository root the stack was started from
 * @param stateDir the stack's state dir
 * @param createdAt when the start began
 * @param endpoints connection facts, secrets included (the file is readable by its owner only)
 * @param components the launched components, in launch order
 */
public record StackState(
    String phase,
    String repoHome,
    String stateDir,
    Instant createdAt,
    StackEndpoints endpoints,
    List<ComponentRecord> components) {

  public static final String STARTING = "starting";
  public static final String RUNNING = "running";

  public StackState {
    components = List.copyOf(components);
  }

  StackState withComponent(ComponentRecord record) {
    List<ComponentRecord> all = new ArrayList<>(components);
    all.removeIf(c -> c.component().equals(record.component()));
    all.add(record);
    return new StackState(phase, repoHome, stateDir, createdAt, endpoints, all);
  }

  StackState withEndpoints(StackEndpoints newEndpoints) {
    return new StackState(phase, repoHome, stateDir, createdAt, newEndpoints, components);
  }

  StackState withPhase(String newPhase) {
    return new StackState(newPhase, repoHome, stateDir, createdAt, endpoints, components);
  }

  public Optional<ComponentRecord> component(Component component) {
    return components.stream().filter(c -> c.component().equals(component.id())).findFirst();
  }

  /** True when any recorded process (or helper) is still alive. */
  public boolean anyAlive() {
    return components.stream()
        .anyMatch(c -> c.process().alive() || c.helpers().stream().anyMatch(ProcessRecord::alive));
  }
}
