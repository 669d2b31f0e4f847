package org.medxfer.trainer.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.medxfer.common.kafka.Topics;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.trainer.config.TrainerConfig;

/** Publishes trial events on {@link Topics#TRIAL_EVENTS}, keyed by trial name. */
@ApplicationScoped
public class TrialEventPublisher {

  /** Longer than the producer's delivery timeout, so the send itself reports the failure. */
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(70);

  private final Producer<String, byte[]> producer;
  private final String trainerId;

  // The interface, so that a test can hand in Kafka's MockProducer.
  public TrialEventPublisher(Producer<String, byte[]> producer, TrainerConfig config) {
    this.producer = producer;
    this.trainerId = config.instanceId().orElseGet(TrialEventPublisher::hostAndPid);
  }

  /** The events of one attempt. */
  public KafkaTrialEvents forAssignment(TrialAssignment assignment) {
    return new KafkaTrialEvents(this, assignment);
  }

  /** The instance id this trainer puts in its events. */
  public String trainerId() {
    return trainerId;
  }

  /**
   * Sends one event and waits for the broker's acknowledgement, so that a caller that returns from
   * here may commit the assignment's offset.
   *
   * @throws EventPublishException when the broker did not acknowledge the event
   */
  void publish(TrialEvent event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.TRIAL_EVENTS, event.getTrial(), event.toByteArray());
    try {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventPublishException("interrupted while publishing " + describe(event), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new EventPublishException("cannot publish " + describe(event) + ": " + e, e);
    } catch (RuntimeException e) {
      throw new EventPublishException("cannot publish " + describe(event) + ": " + e, e);
    }
  }

  private static String describe(TrialEvent event) {
    return event.getPayloadCase() + " of " + event.getTrial() + " attempt " + event.getAttempt();
  }

  private static String hostAndPid() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "/" + ProcessHandle.current().pid();
  }

  /** A trial event was not acknowledged by the broker. */
  public static class EventPublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EventPublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
