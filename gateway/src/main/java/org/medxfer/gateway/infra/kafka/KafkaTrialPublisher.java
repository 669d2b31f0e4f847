package org.medxfer.gateway.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;
import org.medxfer.common.kafka.Topics;
import org.medxfer.gateway.api.TrialMapper;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.gateway.domain.TrialPublisher;

/** Publishes {@code TrialAssignment}s to {@link Topics#TRIAL_ASSIGNMENTS}, keyed by trial name. */
@ApplicationScoped
public class KafkaTrialPublisher implements TrialPublisher {

  private static final Logger LOG = Logger.getLogger(KafkaTrialPublisher.class);

  private final KafkaProducer<String, byte[]> producer;
  private final GatewayConfig config;
  private final Clock clock;

  public KafkaTrialPublisher(
      KafkaProducer<String, byte[]> producer, GatewayConfig config, Clock clock) {
    this.producer = producer;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Set<String> publish(List<Trial> trials) {
    Instant now = clock.instant();
    Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
    for (Trial trial : trials) {
      byte[] assignment = TrialMapper.toAssignment(trial, now).toByteArray();
      Future<RecordMetadata> ack;
      try {
        ack =
            producer.send(new ProducerRecord<>(Topics.TRIAL_ASSIGNMENTS, trial.name(), assignment));
      } catch (KafkaException e) {
        LOG.warnf("Kafka refused the assignment of %s: %s", trial.name(), e.getMessage());
        break;
      }
      // A send that failed at once (no metadata: the broker is unreachable) means every later send
      // would block as long; leave the rest to the background dispatcher.
      if (ack.isDone() && failed(ack)) {
        break;
      }
      sent.put(trial.name(), ack);
    }
    return awaitAcknowledgements(sent);
  }

  private Set<String> awaitAcknowledgements(Map<String, Future<RecordMetadata>> sent) {
    Set<String> acknowledged = new LinkedHashSet<>();
    long deadline = System.nanoTime() + config.dispatch().publishTimeout().toNanos();
    for (Map.Entry<String, Future<RecordMetadata>> entry : sent.entrySet()) {
      try {
        entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acknowledged.add(entry.getKey());
      } catch (TimeoutException e) {
        LOG.warnf("no acknowledgement for %s in time; it will be published again", entry.getKey());
      } catch (ExecutionException e) {
        LOG.warnf("publishing %s failed: %s", entry.getKey(), e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return acknowledged;
  }

  private static boolean failed(Future<RecordMetadata> ack) {
    try {
      ack.get();
      return false;
    } catch (ExecutionException e) {
      LOG.warnf("Kafka is unreachable: %s", e.getCause().getMessage());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
