package org.medxfer.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One Kafka node in KRaft mode, broker and controller in one JVM ({@code kafka.Kafka}), with its
 * log under {@code <stateDir>/kafka/data}. Data survives a stop; the storage is formatted only
 * once.
 */
final class KafkaLauncher implements ComponentLauncher {
  private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);

  private final StackOptions options;
  private final StackLayout layout;

  KafkaLauncher(StackOptions options, StackLayout layout) {
    this.options = options;
    this.layout = layout;
  }

  @Override
  public Component component() {
    return Component.KAFKA;
  }

  @Override
  public List<Integer> ports() {
    return List.of(options.ports().kafka(), options.ports().kafkaController());
  }

  static String bootstrapServers(StackPorts ports) {
    return "127.0.0.1:" + ports.kafka();
  }

  @Override
  public LaunchedProcess launch() throws IOException, InterruptedException {
    Path dir = layout.componentDir(Component.KAFKA);
    Path dataDir = dir.resolve("data");
    Path serverProperties =
        ConfigFiles.writeProperties(
            dir.resolve("server.properties"),
            "Written by medxfer local-stack at every start; edits are overwritten.",
            serverProperties(dataDir),
            false);
    Path log4j =
        ConfigFiles.copyResource("infra-log4j2.properties", dir.resolve("log4j2.properties"));
    Path argFile = InfraClasspath.writeArgFile(InfraClasspath.KAFKA, dir);

    List<String> command = new ArrayList<>();
    command.add(options.javaCommand().toString());
    command.addAll(InfraJvm.OPTIONS);
    command.addAll(
        List.of(
            "-Xmx512m",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + log4j,
            "@" + argFile,
            KafkaServerMain.class.getName(),
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            serverProperties.toString(),
            "--log-dir",
            dataDir.toString()));
    return ProcessLauncher.launch(
        Component.KAFKA, command, dir, layout.logFile(Component.KAFKA), Map.of());
  }

  private Map<String, String> serverProperties(Path dataDir) {
    StackPorts ports = options.ports();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + ports.kafkaController());
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + ports.kafka()
            + ",CONTROLLER://127.0.0.1:"
            + ports.kafkaController());
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("num.partitions", "4");
    p.put("default.replication.factor", "1");
    // One broker: every internal topic must accept replication factor 1, or a consumer group hangs.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // Fewer partitions than the default 50 make the first consumer group or transaction quick.
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.num.partitions", "4");
    // A lone consumer should not wait for others to join before it gets partitions.
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  @Override
  public Ready awaitReady(LaunchedProcess launched, Instant deadline) throws InterruptedException {
    int port = options.ports().kafka();
    // Wait for the listener first, so the admin client does not log a warning per refused
    // connection.
    Readiness.await(launched, deadline, "the broker listener", () -> Readiness.listening(port));
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(options.ports()));
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "medxfer-local-stack");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
    config.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      Readiness.await(
          launched,
          deadline,
          "the broker to register",
          () -> !admin.describeCluster().nodes().get(timeout(), TimeUnit.MILLISECONDS).isEmpty());
      Readiness.await(launched, deadline, "topic creation", () -> createTopics(admin));
      Set<String> names =
          options.topics().stream().map(TopicSpec::name).collect(Collectors.toSet());
      Readiness.await(launched, deadline, "topic leaders", () -> leadersElected(admin, names));
    }
    String topics =
        options.topics().isEmpty()
            ? ""
            : ", topics "
                + options.topics().stream()
                    .map(t -> t.name() + "(" + t.partitions() + ")")
                    .collect(Collectors.joining(", "));
    return new Ready("kafka ready on " + bootstrapServers(options.ports()) + topics);
  }

  /**
   * Creates the missing topics; one that exists already (data kept from an earlier run) is fine.
   */
  private boolean createTopics(Admin admin) throws Exception {
    if (options.topics().isEmpty()) {
      return true;
    }
    List<NewTopic> topics =
        options.topics().stream()
            .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1))
            .toList();
    for (var result : admin.createTopics(topics).values().values()) {
      try {
        result.get(timeout(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return true;
  }

  private static boolean leadersElected(Admin admin, Set<String> names) throws Exception {
    if (names.isEmpty()) {
      return true;
    }
    Map<String, TopicDescription> topics =
        admin.describeTopics(names).allTopicNames().get(timeout(), TimeUnit.MILLISECONDS);
    return topics.values().stream()
        .flatMap(t -> t.partitions().stream())
        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  private static long timeout() {
    return ADMIN_CALL_TIMEOUT.toMillis();
  }
}
