package org.medxfer.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.medxfer.common.kafka.Topics;
import org.medxfer.proto.trial.v1.EpochCompleted;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialCompleted;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.proto.trial.v1.TrialSpec;

class TrialEventMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final TrialEventMetrics metrics = new TrialEventMetrics(registry);

  TrialEventMetricsTest() {
    metrics.configure(Map.of("client.id", "medxfer-trainer-events"));
  }

  @Test
  void epochsGiveImagesPerSecondFromStepsBatchAndTime() {
    TrialEvent epoch =
        TrialEvent.newBuilder()
            .setSpec(
                TrialSpec.newBuilder()
                    .setTraining(TrainingSettings.newBuilder().setBatchSize(32).build()))
            .setEpoch(EpochCompleted.newBuilder().setSteps(100).setElapsedSeconds(2.0))
            .build();

    metrics.onSend(new ProducerRecord<>(Topics.TRIAL_EVENTS, "t", epoch.toByteArray()));

    var throughput = registry.get("medxfer.training.images.per.second").summary();
    assertThat(throughput.count()).isEqualTo(1);
    assertThat(throughput.mean()).isEqualTo(1600.0);
    assertThat(
            registry
                .get("medxfer.trial.events")
                .tags("kind", "epoch", "side", "medxfer-trainer-events")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void completionsGiveTrainingDurationsAndStates() {
    TrialEvent done =
        TrialEvent.newBuilder()
            .setCompleted(TrialCompleted.newBuilder().setTrainingSeconds(12.5))
            .build();

    metrics.onSend(new ProducerRecord<>(Topics.TRIAL_EVENTS, "t", done.toByteArray()));
    metrics.onSend(new ProducerRecord<>(Topics.TRIAL_ASSIGNMENTS, "t", done.toByteArray()));

    var training = registry.get("medxfer.trial.training").timer();
    assertThat(training.count()).isEqualTo(1);
    assertThat(training.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12_500.0);
    assertThat(registry.get("medxfer.trial.events").tag("kind", "completed").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void anUnreadableRecordIsCountedAndOtherwiseIgnored() {
    metrics.onSend(new ProducerRecord<>(Topics.TRIAL_EVENTS, "t", new byte[] {(byte) 0xff, 1}));

    assertThat(registry.get("medxfer.trial.events").tag("kind", "unreadable").counter().count())
        .isEqualTo(1.0);
  }
}
