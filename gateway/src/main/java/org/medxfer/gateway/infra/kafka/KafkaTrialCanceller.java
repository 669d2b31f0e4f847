package org.medxfer.gateway.infra.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;
import org.medxfer.common.kafka.Topics;
import org.medxfer.gateway.domain.TrialAttempt;
import org.medxfer.gateway.domain.TrialCanceller;
import org.medxfer.proto.trial.v1.TrialCancellation;

/** Publishes {@code TrialCancellation}s to {@link Topics#TRIAL_CANCELLATIONS}, keyed by trial. */
@ApplicationScoped
public class KafkaTrialCanceller implements TrialCanceller {

  private static final Logger LOG = Logger.getLogger(KafkaTrialCanceller.class);

  private final KafkaProducer<String, byte[]> producer;

  public KafkaTrialCanceller(KafkaProducer<String, byte[]> producer) {
    this.producer = producer;
  }

  @Override
  public void cancel(List<TrialAttempt> attempts, String reason) {
    try {
      for (TrialAttempt attempt : attempts) {
        TrialCancellation cancellation =
            TrialCancellation.newBuilder()
                .setTrial(attempt.trial())
                .setStudy(attempt.study())
                .setAttempt(attempt.attempt())
                .setReason(reason)
                .build();
        producer.send(
            new ProducerRecord<>(
                Topics.TRIAL_CANCELLATIONS, attempt.trial(), cancellation.toByteArray()),
            (metadata, error) -> {
              if (error != null) {
                LOG.warnf("cancellation of %s not published: %s", attempt.trial(), error);
              }
            });
      }
      producer.flush();
    } catch (KafkaException e) {
      LOG.warnf("cancellations not published (%s); the attempts are fenced anyway", e.getMessage());
    }
  }
}
