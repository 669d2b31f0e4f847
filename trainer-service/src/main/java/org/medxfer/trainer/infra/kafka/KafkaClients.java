package org.medxfer.trainer.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medxfer.common.kafka.KafkaClientProperties;
import org.medxfer.trainer.config.TrainerConfig;

/** The trainer's Kafka clients: String keys (trial names), byte[] values (protos). */
@ApplicationScoped
public class KafkaClients {

  private final String bootstrapServers;
  private final TrainerConfig config;

  public KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      TrainerConfig config) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
  }

  /**
   * The trial-event producer: acknowledged by all in-sync replicas and idempotent, so a terminal
   * event that was acknowledged is durable and a retried send is not duplicated.
   */
  @Produces
  @Singleton
  KafkaProducer<String, byte[]> eventProducer() {
    Properties properties =
        KafkaClientProperties.producer(bootstrapServers, "medxfer-trainer-events");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    return new KafkaProducer<>(properties);
  }

  void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(5));
  }

  /**
   * A new assignment consumer, used by one thread only.
   *
   * <p>One record per poll: a trainer takes one trial at a time. Offsets are committed by hand,
   * after the trial's terminal event. The cooperative assignor revokes only partitions that move,
   * so a trainer joining the group does not cancel the trials of the others.
   */
  KafkaConsumer<String, byte[]> newAssignmentConsumer() {
    Properties properties =
        KafkaClientProperties.consumer(
            bootstrapServers, config.consumer().groupId(), "medxfer-trainer-assignments");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    properties.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) config.consumer().maxPollInterval().toMillis());
    properties.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    return new KafkaConsumer<>(properties);
  }
}
