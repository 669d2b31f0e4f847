package org.medxfer.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What {@link LocalStack#start} starts and where. Build with {@link #builder(Path)}.
 *
 * @param repoHome repository root: the services' jars are read from {@code
 *     <repoHome>/<module>/target/quarkus-app/quarkus-run.jar}
 * @param stateDir where logs, data and {@code stack.json} live
 * @param ports every port of the stack
 * @param services the services to start after the infrastructure; empty for infrastructure only
 * @param topics Kafka topics created once the broker is up
 * @param bucket S3 bucket created once the S3 server is up
 * @param readyTimeout how long each component may take to become ready
 * @param stopGrace how long a process may take to exit after SIGTERM before it gets SIGKILL
 * @param javaCommand the {@code java} launcher for every child JVM
 * @param serviceCustomizer adjusts each service's launch after the defaults are filled in
 * @param progress receives one line per step ("kafka ready on 127.0.0.1:19092 (3.8 s)")
 */
public record StackOptions(
    Path repoHome,
    Path stateDir,
    StackPorts ports,
    Set<Component> services,
    List<TopicSpec> topics,
    String bucket,
    Duration readyTimeout,
    Duration stopGrace,
    Path javaCommand,
    BiConsumer<Component, ServiceLaunch> serviceCustomizer,
    Consumer<String> progress) {

  /** The bucket the services use. */
  public static final String DEFAULT_BUCKET = "medxfer";

  public StackOptions {
    Objects.requireNonNull(repoHome, "repoHome");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(stopGrace, "stopGrace");
    Objects.requireNonNull(javaCommand, "javaCommand");
    Objects.requireNonNull(serviceCustomizer, "serviceCustomizer");
    Objects.requireNonNull(progress, "progress");
    repoHome = repoHome.toAbsolutePath().normalize();
    stateDir = stateDir.toAbsolutePath().normalize();
    services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
    for (Component service : services) {
      if (!service.isService()) {
        throw new IllegalArgumentException(service + " is infrastructure, not a service");
      }
    }
    topics = List.copyOf(topics);
  }

  public static Builder builder(Path repoHome) {
    return new Builder(repoHome);
  }

  /** The default state dir of a repository checkout: {@code <repoHome>/.medxfer/stack}. */
  public static Path defaultStateDir(Path repoHome) {
    return repoHome.resolve(".medxfer").resolve("stack");
  }

  /** Builds {@link StackOptions}; every setting has a default for a developer's stack. */
  public static final class Builder {
    private final Path repoHome;
    private Path stateDir;
    private StackPorts ports = StackPorts.DEFAULT;
    private Set<Component> services = EnumSet.copyOf(Component.services());
    private List<TopicSpec> topics = StackTopics.DEFAULTS;
    private String bucket = DEFAULT_BUCKET;
    private Duration readyTimeout = Duration.ofSeconds(120);
    private Duration stopGrace = Duration.ofSeconds(10);
    private Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
    private BiConsumer<Component, ServiceLaunch> serviceCustomizer = (service, launch) -> {};
    private Consumer<String> progress = line -> {};

    private Builder(Path repoHome) {
      this.repoHome = Objects.requireNonNull(repoHome, "repoHome");
    }

    /** Defaults to {@code <repoHome>/.medxfer/stack}. */
    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder ports(StackPorts ports) {
      this.ports = ports;
      return this;
    }

    /** Kafka, S3 and PostgreSQL only. */
    public Builder infrastructureOnly() {
      this.services = EnumSet.noneOf(Component.class);
      return this;
    }

    /** The infrastructure and all four services (the default). */
    public Builder allServices() {
      this.services = EnumSet.copyOf(Component.services());
      return this;
    }

    /** The infrastructure and the given services. */
    public Builder services(Component... services) {
      this.services =
          services.length == 0
              ? EnumSet.noneOf(Component.class)
              : EnumSet.copyOf(Arrays.asList(services));
      return this;
    }

    public Builder topics(List<TopicSpec> topics) {
      this.topics = topics;
      return this;
    }

    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    public Builder readyTimeout(Duration readyTimeout) {
      this.readyTimeout = readyTimeout;
      return this;
    }

    public Builder stopGrace(Duration stopGrace) {
      this.stopGrace = stopGrace;
      return this;
    }

    public Builder javaCommand(Path javaCommand) {
      this.javaCommand = javaCommand;
      return this;
    }

    /**
     * Adjusts a service's launch after the defaults of {@link ServiceLaunches#defaults} are filled
     * in; called once per started service. Customizers added by repeated calls run in order.
     */
    public Builder customizeService(BiConsumer<Component, ServiceLaunch> customizer) {
      this.serviceCustomizer = this.serviceCustomizer.andThen(customizer);
      return this;
    }

    public Builder progress(Consumer<String> progress) {
      this.progress = progress;
      return this;
    }

    public StackOptions build() {
      return new StackOptions(
          repoHome,
          stateDir != null ? stateDir : defaultStateDir(repoHome),
          ports,
          services,
          topics,
          bucket,
          readyTimeout,
          stopGrace,
          javaCommand,
          serviceCustomizer,
          progress);
    }
  }
}
