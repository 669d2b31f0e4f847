package org.medxfer.common.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medxfer.common.telemetry.KafkaLagMetricsReporter;
import org.medxfer.common.telemetry.TracingProducerInterceptor;
import org.medxfer.common.telemetry.TrialEventMetrics;

/**
 * The client settings every medxfer topic needs: String keys (trial names), byte[] values
 * (serialized protos), durable idempotent sends, and offsets committed by the application after it
 * has handled a record. Each service adds its own timeouts and limits on top.
 */
public final class KafkaClientProperties {

  private KafkaClientProperties() {}

  /** A producer acknowledged by all in-sync replicas, whose retries never duplicate a record. */
  public static Properties producer(String bootstrapServers, String clientId) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // Trace context into record headers, and trial metrics from the events this client sends.
    properties.put(
        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
        TracingProducerInterceptor.class.getName() + "," + TrialEventMetrics.class.getName());
    return properties;
  }

  /**
   * A group consumer that starts from the earliest record and never commits on its own: the owner
   * commits once a record's effects are stored, so a crash re-delivers rather than loses.
   */
  public static Properties consumer(String bootstrapServers, String groupId, String clientId) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // Trial metrics from the events this client receives, and its lag as a gauge.
    properties.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, TrialEventMetrics.class.getName());
    // JMX stays, as by default.
    properties.put(
        ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG,
        JmxReporter.class.getName() + "," + KafkaLagMetricsReporter.class.getName());
    return properties;
  }
}
