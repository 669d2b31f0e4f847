package org.medxfer.trainer.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.medxfer.common.build.CodeVersion;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.proto.trial.v1.TrialSpec;
import org.medxfer.trainer.config.TrainerConfig;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.ParameterCounts;
import org.medxfer.trainer.domain.Scores;
import org.medxfer.trainer.domain.TrainingResult;

class KafkaTrialEventsTest {

  private static final TrialAssignment ASSIGNMENT =
      TrialAssignment.newBuilder()
          .setTrial("studies/s/trials/t")
          .setStudy("studies/s")
          .setAttempt(2)
          .setSpec(TrialSpec.newBuilder().setDataset("breastmnist").setArchitecture("cnn_small"))
          .build();

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  private final KafkaTrialEvents events =
      new TrialEventPublisher(producer, config("test-trainer")).forAssignment(ASSIGNMENT);

  /** A config whose only answer that matters is the instance id. */
  private static TrainerConfig config(String instanceId) {
    return (TrainerConfig)
        Proxy.newProxyInstance(
            TrainerConfig.class.getClassLoader(),
            new Class<?>[] {TrainerConfig.class},
            (proxy, method, args) -> {
              if (method.getName().equals("instanceId")) {
                return Optional.of(instanceId);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private List<TrialEvent> sent() {
    return producer.history().stream()
        .map(ProducerRecord::value)
        .map(
            bytes -> {
              try {
                return TrialEvent.parseFrom(bytes);
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  @Test
  void everyEventOfAnAttemptCarriesTheTrainersCodeVersion() {
    events.started(new ParameterCounts(10, 12));
    events.epochCompleted(new EpochMetrics(1, 0.7, 0.6, 0.8, 10, 1, 1));
    events.completed(
        new TrainingResult(
            new Scores(1, 2, new float[] {0.3f, 0.7f}),
            new int[] {1},
            List.of(new EpochMetrics(1, 0.7, 0.6, 0.8, 10, 1, 1)),
            1,
            2.5,
            10),
        "studies/s/trials/t/attempts/2/test_predictions.binpb");

    List<TrialEvent> sent = sent();
    assertThat(sent)
        .extracting(TrialEvent::getPayloadCase)
        .containsExactly(
            TrialEvent.PayloadCase.STARTED,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.COMPLETED);
    assertThat(CodeVersion.current()).isNotEmpty();
    assertThat(sent)
        .allSatisfy(
            e -> {
              assertThat(e.getCodeVersion()).isEqualTo(CodeVersion.current());
              assertThat(e.getTrainerId()).isEqualTo("test-trainer");
              assertThat(e.getAttempt()).isEqualTo(2);
            });
    assertThat(sent.get(2).getCompleted().getPredictionsKey())
        .isEqualTo("studies/s/trials/t/attempts/2/test_predictions.binpb");
  }
}
