package org.medxfer.evaluator.infra.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.medxfer.common.kafka.KafkaClientProperties;
import org.medxfer.common.kafka.Topics;
import org.medxfer.common.telemetry.TrialScope;
import org.medxfer.evaluator.app.RecordLearningCurvePoint;
import org.medxfer.evaluator.app.RecordTrialMetrics;
import org.medxfer.evaluator.config.TrialEventConsumerConfig;
import org.medxfer.evaluator.domain.CompletedTrial;
import org.medxfer.evaluator.domain.InvalidPredictionsException;
import org.medxfer.proto.trial.v1.TrialEvent;

/**
 * Turns trainers' completion events into stored metrics, and their epoch events into stored
 * learning curves, on a thread of its own.
 *
 * <p>An offset is committed only after its event is handled, so a crash redelivers it, which {@link
 * RecordTrialMetrics} makes harmless. An event that can never yield metrics (unreadable, malformed,
 * or with predictions no metric is defined for) is logged with its trial and skipped; an outage of
 * the database or object store is retried, with growing delays, from the same event, so that no
 * result is lost, and readiness reports it meanwhile.
 */
@ApplicationScoped
public class TrialEventConsumer {

  private static final Logger LOG = Logger.getLogger(TrialEventConsumer.class);

  private final TrialEventConsumerConfig config;
  private final String bootstrapServers;
  private final RecordTrialMetrics recordTrialMetrics;
  private final Tracer tracer;
  private final RecordLearningCurvePoint recordLearningCurvePoint;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicReference<String> problem = new AtomicReference<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;

  TrialEventConsumer(
      TrialEventConsumerConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      RecordTrialMetrics recordTrialMetrics,
      Tracer tracer,
      RecordLearningCurvePoint recordLearningCurvePoint) {
    this.config = config;
    this.tracer = tracer;
    this.bootstrapServers = bootstrapServers;
    this.recordTrialMetrics = recordTrialMetrics;
    this.recordLearningCurvePoint = recordLearningCurvePoint;
  }

  void start(@Observes StartupEvent startup) {
    if (!config.enabled()) {
      LOG.info("trial-event consumer disabled");
      return;
    }
    consumer = new KafkaConsumer<>(consumerProperties());
    consumer.subscribe(List.of(Topics.TRIAL_EVENTS));
    thread = new Thread(this::run, "trial-event-consumer");
    thread.start();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    stopping.countDown();
    Thread running = thread;
    if (running != null) {
      consumer.wakeup();
      running.join(Duration.ofSeconds(30).toMillis());
    }
  }

  /** Why the consumer is not keeping up, when it is not: an outage it is retrying, or a crash. */
  public Optional<String> problem() {
    Thread running = thread;
    if (running != null && !running.isAlive() && stopping.getCount() > 0) {
      return Optional.of(Optional.ofNullable(problem.get()).orElse("consumer thread ended"));
    }
    return Optional.ofNullable(problem.get());
  }

  /** Whether the consumer runs in this instance. */
  public boolean enabled() {
    return config.enabled();
  }

  private Properties consumerProperties() {
    // Starts from the earliest record: a new group must see the completions sent before it existed.
    return KafkaClientProperties.consumer(
        bootstrapServers, config.groupId(), "medxfer-evaluator-events");
  }

  private void run() {
    Duration retryDelay = config.initialRetryDelay();
    try {
      while (stopping.getCount() > 0) {
        ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
        Optional<RuntimeException> outage = handleBatch(records);
        if (outage.isEmpty()) {
          retryDelay = config.initialRetryDelay();
          problem.set(null);
          continue;
        }
        problem.set("retrying after: " + outage.get().getMessage());
        LOG.warnf(
            "handling a trial event failed (%s); retrying it in %s",
            outage.get().getMessage(), retryDelay);
        if (stopping.await(retryDelay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        retryDelay = min(retryDelay.multipliedBy(2), config.maxRetryDelay());
      }
    } catch (WakeupException e) {
      // stop() woke the consumer up to end the loop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      problem.set("consumer thread crashed: " + e);
      LOG.error("trial-event consumer crashed", e);
    } finally {
      consumer.close();
    }
  }

  /**
   * Handles {@code records} in order within each partition, committing each. On an outage, every
   * partition is rewound to its first unhandled event and the outage returned, so the next poll
   * starts there.
   */
  private Optional<RuntimeException> handleBatch(ConsumerRecords<String, byte[]> records) {
    RuntimeException outage = null;
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> events = records.records(partition);
      if (outage != null) {
        consumer.seek(partition, events.get(0).offset());
        continue;
      }
      for (ConsumerRecord<String, byte[]> event : events) {
        try {
          // The span continues the trainer's trace; logs carry the study and trial ids.
          TrialScope.call(
              tracer,
              "record trial event",
              event.headers(),
              event.key(),
              () -> {
                handle(event);
                return null;
              });
        } catch (RuntimeException e) {
          outage = e;
          consumer.seek(partition, event.offset());
          break;
        }
        commit(partition, event.offset() + 1);
      }
    }
    return Optional.ofNullable(outage);
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    String where = "%s-%d@%d".formatted(record.topic(), record.partition(), record.offset());
    if (record.value() == null) {
      return;
    }
    TrialEvent event;
    try {
      event = TrialEvent.parseFrom(record.value());
    } catch (InvalidProtocolBufferException e) {
      LOG.errorf("skipping unreadable trial event %s (key %s): %s", where, record.key(), e);
      return;
    }
    if (event.getPayloadCase() == TrialEvent.PayloadCase.EPOCH) {
      handleEpoch(where, event);
      return;
    }
    if (event.getPayloadCase() != TrialEvent.PayloadCase.COMPLETED) {
      return;
    }
    CompletedTrial completed;
    try {
      completed = TrialEventMapper.toCompletedTrial(event);
    } catch (IllegalArgumentException e) {
      LOG.errorf("skipping malformed completion %s of trial %s: %s", where, event.getTrial(), e);
      return;
    }
    try {
      RecordTrialMetrics.Outcome outcome = recordTrialMetrics.record(completed);
      LOG.infof(
          "%s attempt %d: metrics %s (event %s)",
          completed.trial(),
          completed.attempt(),
          outcome == RecordTrialMetrics.Outcome.STORED ? "stored" : "already stored",
          completed.eventId());
    } catch (InvalidPredictionsException e) {
      LOG.errorf(
          "no metrics for trial %s attempt %d, event %s not retried: %s",
          completed.trial(), completed.attempt(), where, e.getMessage());
    }
  }

  private void handleEpoch(String where, TrialEvent event) {
    TrialEventMapper.EpochPoint epoch;
    try {
      epoch = TrialEventMapper.toEpochPoint(event);
    } catch (IllegalArgumentException e) {
      LOG.errorf("skipping malformed epoch %s of trial %s: %s", where, event.getTrial(), e);
      return;
    }
    recordLearningCurvePoint.record(
        epoch.trial(), epoch.attempt(), epoch.totalEpochs(), epoch.point());
  }

  private void commit(TopicPartition partition, long nextOffset) {
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)));
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // The partition moved to another instance, which redelivers the event; storing is idempotent.
      LOG.warnf("committing %s at %d failed: %s", partition, nextOffset, e.getMessage());
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
