package org.medxfer.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.common.build.CodeVersion;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.common.kafka.Topics;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.proto.dataset.v1.ImageShape;
import org.medxfer.proto.dataset.v1.TaskType;
import org.medxfer.proto.trainer.v1.GetTrainerStatusRequest;
import org.medxfer.proto.trainer.v1.TrainerServiceGrpc;
import org.medxfer.proto.trainer.v1.TrainerServiceGrpc.TrainerServiceBlockingStub;
import org.medxfer.proto.trial.v1.Adaptation;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.DataLocation;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.TestPredictions;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialCancellation;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.proto.trial.v1.TrialSpec;
import org.medxfer.testsupport.TestTokens;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.PretrainedWeights;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.Scores;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.fixtures.Paths;
import org.medxfer.trainer.fixtures.TrainerInfraResource;
import org.medxfer.trainer.fixtures.TrialEventsProbe;
import org.medxfer.trainer.infra.objectstore.ObjectStoreTrialCheckpoints;
import org.medxfer.trainer.infra.objectstore.ObjectStoreWeightFiles;
import org.medxfer.trainer.infra.tf.WeightRegistry;

/**
 * The trainer as deployed: assignments from a real Kafka broker, BreastMNIST shards from a real S3
 * server, events back on Kafka, predictions in the object store, offsets committed last.
 */
@QuarkusTest
@QuarkusTestResource(value = TrainerInfraResource.class, restrictToAnnotatedClass = true)
class TrainerServiceIT {

  private static final String SHARDS = "datasets/breastmnist/versions/1/";
  private static final String GROUP = "medxfer-trainers";

  @Inject ObjectStore store;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/")
  URL server;

  private KafkaProducer<String, byte[]> producer;
  private TrialEventsProbe events;
  private Admin admin;
  private int[] testLabels;

  @BeforeEach
  void uploadShardsAndConnect() throws Exception {
    store.ensureBucket();
    Map<String, LabeledImages> splits;
    try (InputStream in = Files.newInputStream(Paths.medmnist("breastmnist.npz"))) {
      splits = MedMnistNpz.read(in, "breastmnist.npz");
    }
    for (Map.Entry<String, LabeledImages> split : splits.entrySet()) {
      ByteArrayOutputStream shard = new ByteArrayOutputStream();
      ImageShardCodec.write(split.getValue(), shard);
      store.put(
          SHARDS + split.getKey() + ".shard", shard.toByteArray(), "application/octet-stream");
    }
    testLabels = splits.get("test").labels();

    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(properties);
    events = new TrialEventsProbe(bootstrapServers);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  @AfterEach
  void disconnect() {
    producer.close();
    events.close();
    admin.close();
  }

  @Test
  void onlyThePlatformsOwnCallersGetInWhileHealthStaysOpen() throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    try {
      TrainerServiceBlockingStub anonymous =
          TrainerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
      GetTrainerStatusRequest request = GetTrainerStatusRequest.getDefaultInstance();

      for (ClientInterceptor caller : TestTokens.callersAnInternalServiceRefuses()) {
        TrainerServiceBlockingStub refused = anonymous.withInterceptors(caller);
        assertThatThrownBy(() -> refused.getTrainerStatus(request))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      }
      assertThat(
              anonymous
                  .withInterceptors(TestTokens.asPlatform(TestTokens.PROJECT))
                  .getTrainerStatus(request)
                  .getInstanceId())
          .isNotEmpty();
      assertThat(
              HealthGrpc.newBlockingStub(channel)
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus())
          .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void trainsAnAssignmentLongerThanThePollIntervalAndCommitsAfterCompleted() throws Exception {
    String trial = "studies/it/trials/long-cnn";
    // 64 px upsampled and 6 epochs: several times the 3 s max.poll.interval of this test.
    TrialAssignment assignment = assignment(trial, "cnn_small", InitKind.INIT_KIND_RANDOM, 64, 6);
    RecordMetadata sent = publish(assignment);

    List<TrialEvent> trialEvents =
        events.awaitTrial(trial, TrialEvent::hasCompleted, Duration.ofMinutes(2));

    assertThat(trialEvents)
        .extracting(TrialEvent::getPayloadCase)
        .containsExactly(
            TrialEvent.PayloadCase.STARTED,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.EPOCH,
            TrialEvent.PayloadCase.COMPLETED);
    assertThat(trialEvents)
        .allSatisfy(
            e -> {
              assertThat(e.getSpec()).isEqualTo(assignment.getSpec());
              assertThat(e.getAttempt()).isEqualTo(1);
              assertThat(e.getStudy()).isEqualTo("studies/it");
              assertThat(e.getTrainerId()).isNotEmpty();
              assertThat(e.getEventId()).isNotEmpty();
              assertThat(e.getCodeVersion()).isEqualTo(CodeVersion.current());
            });
    assertThat(trialEvents.get(0).getStarted().getTrainableParameters()).isPositive();
    assertThat(trialEvents.get(6).getEpoch().getEpoch()).isEqualTo(6);
    assertThat(trialEvents.get(6).getEpoch().getTotalEpochs()).isEqualTo(6);

    var completed = trialEvents.get(7).getCompleted();
    assertThat(completed.getPredictionsKey())
        .isEqualTo("studies/it/trials/long-cnn/attempts/1/test_predictions.binpb");
    assertThat(completed.getEpochsRun()).isEqualTo(6);
    assertThat(completed.getTrainingSeconds())
        .as("the trial outlived max.poll.interval, which is the point of this test")
        .isGreaterThan(3.0);

    TestPredictions predictions =
        TestPredictions.parseFrom(store.get(completed.getPredictionsKey()));
    assertThat(predictions.getTrial()).isEqualTo(trial);
    assertThat(predictions.getCodeVersion()).isEqualTo(CodeVersion.current());
    assertThat(predictions.getTaskType()).isEqualTo(TaskType.TASK_TYPE_BINARY);
    assertThat(predictions.getLabelsList()).containsExactly(boxed(testLabels));
    float[] scores = new float[predictions.getScoresCount()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = predictions.getScores(i);
    }
    double auc =
        RocAuc.of(
            new Scores(testLabels.length, 2, scores),
            testLabels,
            org.medxfer.trainer.domain.TaskType.BINARY);
    assertThat(auc).isGreaterThan(0.5);
    // The last epoch's checkpoint under the attempt (no checkpoint prefix was given), the final
    // model under the trial.
    assertThat(
            store.size(
                "studies/it/trials/long-cnn/attempts/1/checkpoint/"
                    + ObjectStoreTrialCheckpoints.CHECKPOINT))
        .isPresent();
    assertThat(store.size(ObjectStoreTrialCheckpoints.finalModelKey(trial))).isPresent();

    assertCommittedPast(sent);
  }

  @Test
  void aCancelledAttemptStopsWithinSecondsIsCommittedAndReportsNothingMore() throws Exception {
    String trial = "studies/it/trials/cancelled-while-training";
    // 64 px and 40 epochs: far longer than the test waits.
    RecordMetadata sent =
        publish(assignment(trial, "cnn_small", InitKind.INIT_KIND_RANDOM, 64, 40));
    events.awaitTrial(trial, TrialEvent::hasEpoch, Duration.ofMinutes(2));

    Instant cancelledAt = Instant.now();
    cancel(trial, 1);
    assertCommittedPast(sent);
    Duration toStop = Duration.between(cancelledAt, Instant.now());

    assertThat(toStop).isLessThan(Duration.ofSeconds(10));
    List<TrialEvent> after = events.eventsOf(trial, Duration.ofSeconds(3));
    assertThat(after).noneMatch(e -> e.hasCompleted() || e.hasFailed());
    assertThat(after.stream().filter(TrialEvent::hasEpoch).count()).isLessThan(40);
  }

  @Test
  void anAssignmentOfACancelledAttemptIsSkippedWithoutTraining() throws Exception {
    String trial = "studies/it/trials/cancelled-before-start";
    cancel(trial, 1);
    // Give the trainer's cancellation reader a moment to see it before the assignment arrives.
    Thread.sleep(2000);
    RecordMetadata sent = publish(assignment(trial, "cnn_small", InitKind.INIT_KIND_RANDOM, 28, 1));

    assertCommittedPast(sent);
    assertThat(events.eventsOf(trial, Duration.ofSeconds(3))).isEmpty();
  }

  @Test
  void anAssignmentATrainerTookAndLostIsTrainedByAnotherAndCompletesOnce() throws Exception {
    String trial = "studies/it/trials/lost-trainer";
    // A second member of the trainers' group that takes an assignment and goes away without a
    // word or a commit, as a killed trainer does (here it leaves at once instead of after the
    // session timeout, which only shortens the wait).
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    properties.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    RecordMetadata sent;
    try (KafkaConsumer<String, byte[]> doomed = new KafkaConsumer<>(properties)) {
      doomed.subscribe(List.of(Topics.TRIAL_ASSIGNMENTS));
      Instant joinBy = Instant.now().plusSeconds(60);
      while (doomed.assignment().isEmpty() && Instant.now().isBefore(joinBy)) {
        doomed.poll(Duration.ofMillis(200));
      }
      assertThat(doomed.assignment()).as("the second trainer got partitions").isNotEmpty();
      TopicPartition its = doomed.assignment().iterator().next();
      TrialAssignment assignment = assignment(trial, "cnn_small", InitKind.INIT_KIND_RANDOM, 28, 2);
      sent =
          producer
              .send(
                  new ProducerRecord<>(
                      its.topic(), its.partition(), trial, assignment.toByteArray()))
              .get();
      Instant takeBy = Instant.now().plusSeconds(30);
      boolean taken = false;
      while (!taken && Instant.now().isBefore(takeBy)) {
        for (ConsumerRecord<String, byte[]> record : doomed.poll(Duration.ofMillis(200))) {
          taken |= record.key().equals(trial);
        }
      }
      assertThat(taken).as("the second trainer took the assignment").isTrue();
    }

    List<TrialEvent> trialEvents =
        events.awaitTrial(trial, TrialEvent::hasCompleted, Duration.ofMinutes(2));

    assertThat(trialEvents.stream().filter(TrialEvent::hasCompleted)).hasSize(1);
    assertCommittedPast(sent);
    assertThat(
            events.eventsOf(trial, Duration.ofSeconds(2)).stream().filter(TrialEvent::hasCompleted))
        .hasSize(1);
  }

  @Test
  void registeredWeightsAreFetchedFromTheObjectStoreAndChecked(@TempDir Path dir) {
    // The local stack uploaded the shipped files; nothing is pre-installed here.
    ObjectStoreWeightFiles files =
        new ObjectStoreWeightFiles(store, dir.resolve("cache"), dir.resolve("installed"));
    for (PretrainedWeights weights : WeightRegistry.bundled().entries()) {
      Path file = files.verifiedFile(weights);
      assertThat(file).startsWith(dir.resolve("cache"));
      assertThat(WeightRegistry.sha256(file)).isEqualTo(weights.sha256());
      assertThat(files.verifiedFile(weights)).isEqualTo(file);
    }

    PretrainedWeights altered =
        new PretrainedWeights(
            "altered", Architecture.CNN_SMALL, "altered.h5", "0".repeat(64), "test", "none");
    store.put(
        ObjectStoreWeightFiles.key(altered), new byte[] {1, 2, 3}, "application/octet-stream");
    assertThatThrownBy(() -> files.verifiedFile(altered))
        .isInstanceOf(TrialFailedException.class)
        .hasMessageContaining("weights/altered.h5")
        .extracting(e -> ((TrialFailedException) e).reason())
        .isEqualTo(FailureReason.WEIGHTS_CORRUPT);
  }

  @Test
  void unsupportedResolutionFailsWithErrorInfoAndIsCommitted() throws Exception {
    String trial = "studies/it/trials/squeeze-28";
    RecordMetadata sent =
        publish(assignment(trial, "squeezenet1_1", InitKind.INIT_KIND_IMAGENET, 28, 1));

    List<TrialEvent> trialEvents =
        events.awaitTrial(trial, TrialEvent::hasFailed, Duration.ofMinutes(1));

    com.google.rpc.Status error = trialEvents.get(trialEvents.size() - 1).getFailed().getError();
    assertThat(error.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    assertThat(error.getMessage()).contains("at least 31x31");
    ErrorInfo info = error.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("UNSUPPORTED_RESOLUTION");
    assertThat(info.getDomain()).isEqualTo("medxfer.org");
    assertThat(info.getMetadataMap()).containsEntry("trial", trial);
    assertThat(trialEvents).noneMatch(TrialEvent::hasCompleted);
    assertCommittedPast(sent);
  }

  @Test
  void missingShardFailsAsDataUnreadable() throws Exception {
    String trial = "studies/it/trials/no-shard";
    TrialAssignment assignment =
        assignment(trial, "cnn_small", InitKind.INIT_KIND_RANDOM, 28, 1).toBuilder()
            .setData(
                assignment(trial, "cnn_small", InitKind.INIT_KIND_RANDOM, 28, 1)
                    .getData()
                    .toBuilder()
                    .setTrainShardKey(SHARDS + "missing.shard"))
            .build();
    RecordMetadata sent = publish(assignment);

    List<TrialEvent> trialEvents =
        events.awaitTrial(trial, TrialEvent::hasFailed, Duration.ofMinutes(1));

    TrialEvent failed = trialEvents.get(trialEvents.size() - 1);
    assertThat(failed.getFailed().getError().getDetails(0).unpack(ErrorInfo.class).getReason())
        .isEqualTo("DATA_UNREADABLE");
    assertThat(failed.getFailed().getError().getMessage()).contains(SHARDS + "missing.shard");
    assertCommittedPast(sent);
  }

  private static TrialAssignment assignment(
      String trial, String architecture, InitKind init, int resolution, int epochs) {
    return TrialAssignment.newBuilder()
        .setTrial(trial)
        .setStudy("studies/it")
        .setAttempt(1)
        .setOutputPrefix(trial + "/attempts/1/")
        .setSpec(
            TrialSpec.newBuilder()
                .setDataset("breastmnist")
                .setDatasetVersion("datasets/breastmnist/versions/1")
                .setArchitecture(architecture)
                .setInit(Initialization.newBuilder().setKind(init))
                .setAdaptation(Adaptation.newBuilder().setKind(AdaptationKind.ADAPTATION_KIND_FULL))
                .setLabelFraction(1.0)
                .setResolution(resolution)
                .setSeed(1)
                .setTraining(
                    TrainingSettings.newBuilder()
                        .setEpochs(epochs)
                        .setBatchSize(32)
                        .setLearningRate(1e-3)))
        .setData(
            DataLocation.newBuilder()
                .setTaskType(TaskType.TASK_TYPE_BINARY)
                .setNumClasses(2)
                .addClassNames("malignant")
                .addClassNames("normal or benign")
                .setImageShape(ImageShape.newBuilder().setHeight(28).setWidth(28).setChannels(1))
                .setTrainShardKey(SHARDS + "train.shard")
                .setValShardKey(SHARDS + "val.shard")
                .setTestShardKey(SHARDS + "test.shard"))
        .build();
  }

  private RecordMetadata publish(TrialAssignment assignment) throws Exception {
    return producer
        .send(
            new ProducerRecord<>(
                Topics.TRIAL_ASSIGNMENTS, assignment.getTrial(), assignment.toByteArray()))
        .get();
  }

  private void cancel(String trial, int attempt) throws Exception {
    TrialCancellation cancellation =
        TrialCancellation.newBuilder()
            .setTrial(trial)
            .setStudy(trial.substring(0, trial.indexOf("/trials/")))
            .setAttempt(attempt)
            .setReason("study cancelled")
            .build();
    producer
        .send(new ProducerRecord<>(Topics.TRIAL_CANCELLATIONS, trial, cancellation.toByteArray()))
        .get();
  }

  /** The trainer commits after the terminal event, on its next poll: wait a little for it. */
  private void assertCommittedPast(RecordMetadata sent) throws Exception {
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    Instant deadline = Instant.now().plusSeconds(15);
    long committed = -1;
    while (Instant.now().isBefore(deadline)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata offset = offsets.get(partition);
      committed = offset == null ? -1 : offset.offset();
      if (committed > sent.offset()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "offset of " + partition + " is " + committed + ", expected past " + sent.offset());
  }

  private static Integer[] boxed(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
