package org.medxfer.trainer.infra.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medxfer.common.kafka.Topics;
import org.medxfer.proto.trial.v1.TrialCancellation;
import org.medxfer.trainer.config.TrainerConfig;

/**
 * Every trial attempt the gateway cancelled (a study cancelled, an attempt timed out), read from
 * {@link Topics#TRIAL_CANCELLATIONS} by every trainer in full: the consumer is assigned every
 * partition from the beginning, with no group, so a trainer that starts late still knows every
 * cancelled attempt and never starts one. {@link TrialAssignmentConsumer} asks after every poll, so
 * an attempt in training stops within a poll interval of its cancellation arriving.
 */
@ApplicationScoped
public class TrialCancellations {

  private static final System.Logger LOG = System.getLogger(TrialCancellations.class.getName());

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final String bootstrapServers;
  private final TrainerConfig config;
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private Thread thread;

  public TrialCancellations(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      TrainerConfig config) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
  }

  /** Whether the gateway cancelled attempt {@code attempt} of {@code trial}. */
  public boolean isCancelled(String trial, int attempt) {
    return cancelled.contains(key(trial, attempt));
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.consumer().enabled()) {
      return;
    }
    running = true;
    thread = new Thread(this::readLoop, "trial-cancellations");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
  }

  private void readLoop() {
    while (running) {
      try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(Topics.TRIAL_CANCELLATIONS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            record(record);
          }
        }
      } catch (KafkaException e) {
        // Broker away or topic missing: cancellations are re-read from the start once it is back.
        LOG.log(System.Logger.Level.WARNING, "reading cancellations failed; retrying: " + e);
        sleep(RETRY);
      }
    }
  }

  private void record(ConsumerRecord<String, byte[]> record) {
    TrialCancellation cancellation;
    try {
      cancellation = TrialCancellation.parseFrom(record.value());
    } catch (InvalidProtocolBufferException | NullPointerException e) {
      LOG.log(
          System.Logger.Level.WARNING, "skipping an unreadable cancellation at " + record.offset());
      return;
    }
    cancelled.add(key(cancellation.getTrial(), cancellation.getAttempt()));
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "medxfer-trainer-cancellations");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(properties);
  }

  private static String key(String trial, int attempt) {
    return trial + "#" + attempt;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
