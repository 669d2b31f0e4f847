package org.medxfer.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stack that {@link LocalStack#start} brought up: how to reach it, and how to stop it. Closing it
 * stops it, so a test can hold it in try-with-resources.
 */
public final class RunningStack implements AutoCloseable {
  private final StackLayout layout;
  private final StackState state;
  private final Duration stopGrace;
  private final Consumer<String> progress;
  private volatile boolean stopped;

  RunningStack(
      StackLayout layout, StackState state, Duration stopGrace, Consumer<String> progress) {
    this.layout = layout;
    this.state = state;
    this.stopGrace = stopGrace;
    this.progress = progress;
  }

  public Path stateDir() {
    return layout.stateDir();
  }

  public StackEndpoints endpoints() {
    return state.endpoints();
  }

  public String kafkaBootstrapServers() {
    return endpoints().kafkaBootstrapServers();
  }

  public String jdbcUrl() {
    return endpoints().jdbcUrl();
  }

  public String databaseUser() {
    return endpoints().databaseUser();
  }

  public String databasePassword() {
    return endpoints().databasePassword();
  }

  public String s3Endpoint() {
    return endpoints().s3Endpoint();
  }

  public String s3AccessKey() {
    return endpoints().s3AccessKey();
  }

  public String s3SecretKey() {
    return endpoints().s3SecretKey();
  }

  public String bucket() {
    return endpoints().bucket();
  }

  /** The HTTP and gRPC port of a started service. */
  public int servicePort(Component service) {
    Integer port = endpoints().servicePorts().get(service.id());
    if (port == null) {
      throw new IllegalArgumentException(service + " was not started in this stack");
    }
    return port;
  }

  /** {@code 127.0.0.1:<port>} of a started service, for a gRPC channel. */
  public String grpcTarget(Component service) {
    return "127.0.0.1:" + servicePort(service);
  }

  /**
   * The file holding the token of {@code local-user} for project {@code default} (mode 600), which
   * the CLI sends when {@code MEDXFER_TOKEN} is not set.
   */
  public Path tokenFile() {
    return layout.tokenFile();
  }

  /** The token in {@link #tokenFile()}: {@code local-user} of project {@code default}. */
  public String userToken() {
    return new LocalIdentityProvider(layout).userToken();
  }

  /**
   * A new token of {@code subject} acting for {@code project}, signed with this start's identity
   * key and valid for 30 days: a test calls the gateway as a user of another project with it.
   */
  public String issueToken(String subject, String project) {
    return new LocalIdentityProvider(layout).issueToken(subject, project);
  }

  /** The public key (PEM) the gateway verifies users' tokens with. */
  public String userPublicKey() {
    return new LocalIdentityProvider(layout).userPublicKey();
  }

  /** What was started: pid, start instant, ports and log of each component. */
  public List<ComponentRecord> components() {
    return state.components();
  }

  public Path logFile(Component component) {
    return layout.logFile(component);
  }

  /** Stops every process of this stack; see {@link LocalStack#stop(Path, Duration, Consumer)}. */
  public StopReport stop() {
    StopReport report = LocalStack.stop(layout.stateDir(), stopGrace, progress);
    stopped = true;
    return report;
  }

  @Override
  public void close() {
    if (!stopped) {
      stop();
    }
  }

  @Override
  public String toString() {
    return "RunningStack[" + layout.stateDir() + ", " + endpoints() + "]";
  }
}
