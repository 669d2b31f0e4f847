package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.localstack.fixtures.FreePorts;

/**
 * Starts the real infrastructure (Kafka, s3proxy, PostgreSQL) with the stack's own code, talks to
 * each with a real client, then stops it and checks that nothing is left running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackInfraIT {
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private StackPorts ports;
  private RunningStack stack;

  @BeforeAll
  void start(@TempDir Path stateDir) {
    ports = StackPorts.fromBase(FreePorts.base());
    stack =
        LocalStack.start(
            StackOptions.builder(stateDir.resolve("repo"))
                .stateDir(stateDir.resolve("stack"))
                .ports(ports)
                .infrastructureOnly()
                .progress(line -> progress.add(line))
                .build());
    progress.forEach(System.out::println);
  }

  @AfterAll
  void stopIfStillRunning() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void reportsEachComponentReadyWithItsAddress() {
    assertThat(progress)
        .anyMatch(line -> line.startsWith("kafka ready on 127.0.0.1:" + ports.kafka()))
        .anyMatch(line -> line.startsWith("s3 ready on http://127.0.0.1:" + ports.s3()))
        .anyMatch(line -> line.startsWith("postgres ready on 127.0.0.1:" + ports.postgres()));
    assertThat(stack.kafkaBootstrapServers()).isEqualTo("127.0.0.1:" + ports.kafka());
    assertThat(stack.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/medxfer");
    assertThat(stack.endpoints().toString())
        .doesNotContain(stack.databasePassword())
        .doesNotContain(stack.s3SecretKey());
  }

  @Test
  @Order(2)
  void recordsTheStackInAnOwnerOnlyFile() throws Exception {
    Path stackFile = stack.stateDir().resolve("stack.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stackFile)))
        .isEqualTo("rw-------");
    StackStatus status = LocalStack.status(stack.stateDir());
    assertThat(status.healthy()).isTrue();
    assertThat(status.components())
        .extracting(StackStatus.ComponentStatus::component)
        .containsExactlyInAnyOrder("kafka", "s3", "postgres");
    assertThat(String.join("\n", status.describe()))
        .doesNotContain(stack.databasePassword())
        .doesNotContain(stack.s3SecretKey());
  }

  @Test
  @Order(3)
  void kafkaDeliversARecordThroughAConsumerGroup() throws Exception {
    String topic = StackTopics.TRIAL_EVENTS;
    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      sent = producer.send(new ProducerRecord<>(topic, "trial-1", "started")).get();
    }

    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-it");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (received.isEmpty() && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
      assertThat(received)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo("trial-1");
                assertThat(r.value()).isEqualTo("started");
              });
      consumer.commitSync();
      TopicPartition partition = new TopicPartition(topic, sent.partition());
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(java.util.Set.of(partition));
      assertThat(committed.get(partition).offset()).isEqualTo(sent.offset() + 1);
    }
    assertThat(consumerPartitions(StackTopics.TRIAL_ASSIGNMENTS)).isEqualTo(4);
  }

  private int consumerPartitions(String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      return consumer.partitionsFor(topic).size();
    }
  }

  @Test
  @Order(4)
  void s3StoresObjectsAndRefusesAWrongSecret() throws Exception {
    byte[] content = "a small shard".getBytes(StandardCharsets.UTF_8);
    try (MinioClient client = s3Client(stack.s3SecretKey())) {
      client.putObject(
          PutObjectArgs.builder().bucket(stack.bucket()).object("datasets/v1/shard-0").stream(
                  new ByteArrayInputStream(content), (long) content.length, null)
              .build());
      assertThat(
              client
                  .statObject(
                      StatObjectArgs.builder()
                          .bucket(stack.bucket())
                          .object("datasets/v1/shard-0")
                          .build())
                  .size())
          .isEqualTo(content.length);
      try (InputStream in =
          client.getObject(
              GetObjectArgs.builder()
                  .bucket(stack.bucket())
                  .object("datasets/v1/shard-0")
                  .build())) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
    try (MinioClient impostor = s3Client(stack.s3SecretKey() + "x")) {
      assertThatThrownBy(
              () ->
                  impostor.getObject(
                      GetObjectArgs.builder()
                          .bucket(stack.bucket())
                          .object("datasets/v1/shard-0")
                          .build()))
          .isInstanceOfSatisfying(
              ErrorResponseException.class,
              e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
    }
  }

  private MinioClient s3Client(String secret) {
    return MinioClient.builder()
        .endpoint(stack.s3Endpoint())
        .region("us-east-1")
        .credentials(stack.s3AccessKey(), secret)
        .build();
  }

  @Test
  @Order(5)
  void postgresServesTheServiceSchemasToTheApplicationRole() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword());
        Statement s = c.createStatement()) {
      Map<String, String> owners = new TreeMap<>();
      try (ResultSet rows =
          s.executeQuery(
              "SELECT schema_name, schema_owner FROM information_schema.schemata"
                  + " WHERE schema_name IN ('gateway', 'datasets', 'evaluator')")) {
        while (rows.next()) {
          owners.put(rows.getString(1), rows.getString(2));
        }
      }
      assertThat(owners)
          .containsExactlyEntriesOf(
              new TreeMap<>(
                  Map.of("datasets", "medxfer", "evaluator", "medxfer", "gateway", "medxfer")));
      s.execute("CREATE TABLE gateway.probe (id int PRIMARY KEY, note text)");
      s.execute("INSERT INTO gateway.probe VALUES (1, 'written by the IT')");
      try (ResultSet rows = s.executeQuery("SELECT note FROM gateway.probe WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("written by the IT");
      }
    }
    assertThatThrownBy(
            () -> DriverManager.getConnection(stack.jdbcUrl(), stack.databaseUser(), "wrong"))
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("28P01")); // invalid_password
  }

  @Test
  @Order(6)
  void keepsInfrastructureLogsSmall() throws Exception {
    for (Component component : Component.infrastructure()) {
      Path log = stack.logFile(component);
      assertThat(log).exists();
      assertThat(Files.size(log)).as(component + " log size").isLessThan(64 * 1024);
    }
  }

  @Test
  @Order(100)
  void stopEndsEveryRecordedProcessAndFreesEveryPort() {
    List<ProcessRecord> recorded = new ArrayList<>();
    for (ComponentRecord component : stack.components()) {
      recorded.add(component.process());
      recorded.addAll(component.helpers());
    }
    assertThat(recorded).hasSize(4); // kafka, s3, postgres wrapper and postgres server
    assertThat(recorded).allMatch(ProcessRecord::alive);

    StopReport report = stack.stop();

    report.lines().forEach(System.out::println);
    assertThat(report.stackWasRecorded()).isTrue();
    assertThat(recorded)
        .noneMatch(r -> ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false));
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    ports.byRole().forEach((role, port) -> assertThat(FreePorts.isFree(port)).as(role).isTrue());
    assertThat(stack.stateDir().resolve("stack.json")).doesNotExist();
    assertThat(LocalStack.status(stack.stateDir()).recorded()).isFalse();
  }
}
