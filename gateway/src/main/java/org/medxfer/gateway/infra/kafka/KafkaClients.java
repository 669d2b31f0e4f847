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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medxfer.common.kafka.KafkaClientProperties;
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
    Properties properties =
        KafkaClientProperties.producer(bootstrapServers, "medxfer-gateway-assignments");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A create must not hang on a broker that is down: sends fail fast and the background
    // dispatcher publishes what did not get through.
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    return new KafkaProducer<>(properties);
  }

  void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(5));
  }

  /** A new trial-events consumer; its owner commits offsets after handling each batch. */
  public KafkaConsumer<String, byte[]> newEventConsumer() {
    Properties properties =
        KafkaClientProperties.consumer(
            bootstrapServers, config.events().groupId(), "medxfer-gateway-events");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    return new KafkaConsumer<>(properties);
  }
}
