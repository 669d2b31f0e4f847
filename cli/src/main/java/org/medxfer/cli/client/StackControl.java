package org.medxfer.cli.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.medxfer.localstack.Component;
import org.medxfer.localstack.LocalStack;
import org.medxfer.localstack.StackOptions;
import org.medxfer.localstack.StackPorts;
import org.medxfer.localstack.StackStatus;

/** The CLI's view of the local stack: start, stop, and where its gateway listens. */
public final class StackControl {

  private static final String LOOPBACK = "127.0.0.1";

  private StackControl() {}

  /** The state folder of the developer's stack under the medxfer home. */
  public static Path defaultStateDir(Path home) {
    return StackOptions.defaultStateDir(home);
  }

  /**
   * Starts every component and returns when all are ready.
   *
   * @param portBase first of eight consecutive ports, or null for the default ports
   */
  public static void start(Path home, Path stateDir, Integer portBase, Consumer<String> progress) {
    StackOptions.Builder options =
        StackOptions.builder(home).stateDir(stateDir).allServices().progress(progress);
    if (portBase != null) {
      options.ports(StackPorts.fromBase(portBase));
    }
    LocalStack.start(options.build());
  }

  /** Stops exactly what the state folder records. */
  public static void stop(Path stateDir, Consumer<String> progress) {
    LocalStack.stop(stateDir, LocalStack.DEFAULT_STOP_GRACE, progress);
  }

  /** Whether the state folder records a stack whose processes are alive. */
  public static boolean isRunning(Path stateDir) {
    return LocalStack.status(stateDir).healthy();
  }

  /** What runs where, without secrets. */
  public static String describe(Path stateDir) {
    return String.join("\n", LocalStack.status(stateDir).describe());
  }

  /**
   * The gateway's address recorded in the state folder, or its default port when no stack is
   * recorded there.
   */
  public static Endpoint gateway(Path stateDir) {
    StackStatus status = LocalStack.status(stateDir);
    Map<String, Integer> ports = status.recorded() ? status.endpoints().servicePorts() : Map.of();
    Integer port = ports.get(Component.GATEWAY.id());
    return new Endpoint(LOOPBACK, port != null ? port : StackPorts.DEFAULT.of(Component.GATEWAY));
  }
}
