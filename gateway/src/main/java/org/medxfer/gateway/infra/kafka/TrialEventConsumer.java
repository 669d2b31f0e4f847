package org.medxfer.gateway.infra.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.medxfer.common.kafka.Topics;
import org.medxfer.common.telemetry.TrialScope;
import org.medxfer.gateway.api.TrialMapper;
import org.medxfer.gateway.app.RecordTrialReport;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.DependencyUnavailableException;
import org.medxfer.gateway.domain.TrialReport;
import org.medxfer.proto.trial.v1.TrialEvent;

/**
 * Follows {@link Topics#TRIAL_EVENTS} on a thread of its own and records each event. Offsets are
 * committed only after the events before them are recorded, so a restart replays what was not;
 * replays are harmless because recording is idempotent. While the database is down, the unrecorded
 * events are retried after a pause instead of being skipped.
 */
@ApplicationScoped
public class TrialEventConsumer {

  private static final Logger LOG = Logger.getLogger(TrialEventConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final KafkaClients clients;
  private final RecordTrialReport recordTrialReport;
  private final GatewayConfig config;
  private final Tracer tracer;
  private volatile boolean running;
  private KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public TrialEventConsumer(
      KafkaClients clients,
      RecordTrialReport recordTrialReport,
      GatewayConfig config,
      Tracer tracer) {
    this.clients = clients;
    this.tracer = tracer;
    this.recordTrialReport = recordTrialReport;
    this.config = config;
  }

  void start(@Observes StartupEvent startup) {
    consumer = clients.newEventConsumer();
    running = true;
    thread = new Thread(this::consume, "gateway-trial-events");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      thread.join(Duration.ofSeconds(10).toMillis());
    }
  }

  private void consume() {
    try {
      consumer.subscribe(List.of(Topics.TRIAL_EVENTS));
      while (running) {
        try {
          ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
          if (!records.isEmpty()) {
            handle(records);
          }
        } catch (WakeupException e) {
          // stop() woke the consumer; the loop condition ends it.
          LOG.debug("trial-events consumer woken");
        } catch (KafkaException e) {
          // A failed commit or a rebalance: uncommitted events are delivered again.
          LOG.warnf("trial-events consumer: %s; continuing", e.getMessage());
          pause();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Records a batch partition by partition; on a database outage rewinds to the first unrecorded.
   */
  private void handle(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> recorded = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        try {
          // The span continues the trainer's trace; logs carry the study and trial ids.
          TrialScope.call(
              tracer,
              "record trial event",
              record.headers(),
              record.key(),
              () -> {
                record(record);
                return null;
              });
        } catch (DependencyUnavailableException e) {
          LOG.warnf("cannot record trial events now, retrying: %s", e.getMessage());
          rewind(records, recorded);
          consumer.commitSync(recorded);
          pause();
          return;
        }
        recorded.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    consumer.commitSync(recorded);
  }

  private void record(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      LOG.warnf("skipping an empty trial event at offset %d", record.offset());
      return;
    }
    TrialReport report;
    try {
      report = TrialMapper.toReport(TrialEvent.parseFrom(record.value()));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      LOG.warnf(
          "skipping an unreadable trial event at %s-%d offset %d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    try {
      recordTrialReport.record(report);
    } catch (DependencyUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // Retrying cannot fix a bug; skipping keeps the other trials' events flowing.
      LOG.errorf(e, "skipping a trial event of %s that could not be recorded", report.trialName());
    }
  }

  // Every partition of the batch goes back to its first event not yet recorded.
  private void rewind(
      ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> recorded) {
    for (TopicPartition partition : records.partitions()) {
      OffsetAndMetadata done = recorded.get(partition);
      long next = done != null ? done.offset() : records.records(partition).get(0).offset();
      consumer.seek(partition, next);
    }
  }

  private void pause() {
    try {
      Thread.sleep(config.events().retryBackoff().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
