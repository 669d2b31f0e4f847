package org.medxfer.common.telemetry;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.medxfer.common.kafka.Topics;
import org.medxfer.proto.trial.v1.TrialEvent;

/**
 * Trial metrics read off the {@code medxfer.trial-events} records a client sends or receives:
 * events by kind ({@code medxfer_trial_events_total}), training throughput in images per second
 * ({@code medxfer_training_images_per_second}, one sample per epoch) and training durations of
 * completed trials ({@code medxfer_trial_training_seconds}). The trainer counts what it sends; the
 * gateway and the evaluator count what they receive ({@code side} tag). Meters go to Micrometer's
 * global registry, which Quarkus backs with its Prometheus registry; elsewhere they cost nothing.
 */
public class TrialEventMetrics
    implements ProducerInterceptor<String, byte[]>, ConsumerInterceptor<String, byte[]> {

  private final MeterRegistry registry;
  private String side = "unknown";

  public TrialEventMetrics() {
    this(Metrics.globalRegistry);
  }

  TrialEventMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object clientId = configs.get("client.id");
    if (clientId != null) {
      side = String.valueOf(clientId);
    }
  }

  @Override
  public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
    if (Topics.TRIAL_EVENTS.equals(record.topic())) {
      record(record.value());
    }
    return record;
  }

  @Override
  public ConsumerRecords<String, byte[]> onConsume(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records.records(Topics.TRIAL_EVENTS)) {
      record(record.value());
    }
    return records;
  }

  /**
   * Counts one event; a record that is not a TrialEvent is counted as such and otherwise ignored.
   */
  void record(byte[] value) {
    TrialEvent event;
    try {
      event = TrialEvent.parseFrom(value == null ? new byte[0] : value);
    } catch (InvalidProtocolBufferException e) {
      registry.counter("medxfer.trial.events", "kind", "unreadable", "side", side).increment();
      return;
    }
    String kind = event.getPayloadCase().name().toLowerCase(java.util.Locale.ROOT);
    registry.counter("medxfer.trial.events", "kind", kind, "side", side).increment();
    switch (event.getPayloadCase()) {
      case EPOCH -> {
        var epoch = event.getEpoch();
        long batch = event.getSpec().getTraining().getBatchSize();
        if (epoch.getElapsedSeconds() > 0 && batch > 0) {
          registry
              .summary("medxfer.training.images.per.second", "side", side)
              .record(epoch.getSteps() * batch / epoch.getElapsedSeconds());
        }
      }
      case COMPLETED ->
          Timer.builder("medxfer.trial.training")
              .tag("side", side)
              .register(registry)
              .record(
                  Duration.ofMillis(Math.round(event.getCompleted().getTrainingSeconds() * 1e3)));
      default -> {}
    }
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}
}
