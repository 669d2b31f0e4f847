package org.medxfer.gateway.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medxfer.gateway.config.GatewayConfig;

/** Builds the gateway's Kafka clients: String keys (trial names), byte[] values (protos). */
@ApplicationScoped
public class KafkaClients {

  private final String bootstrapServers;
  private final GatewayConfig config;

  public KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      GatewayConfig config) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
  }

  /** The assignment producer: every send acknowledged by all replicas, without duplicates. */
  @Produces
  @Singleton
  KafkaProducer<String, byte[]> assignmentProducer() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "medxfer-gateway-assignments");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A create must not hang on a broker that is down: sends fail fast and the background
    // dispatcher publishes what did not get through.
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(properties);
  }

  void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(5));
  }

  /** A new trial-events consumer; its owner commits offsets after handling each batch. */
  public KafkaConsumer<String, byte[]> newEventConsumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.events().groupId());
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "medxfer-gateway-events");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(properties);
  }
}
