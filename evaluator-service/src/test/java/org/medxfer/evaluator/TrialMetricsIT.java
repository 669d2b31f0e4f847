package org.medxfer.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
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
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.common.kafka.Topics;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.evaluator.fixtures.DemoStudy;
import org.medxfer.evaluator.fixtures.EvaluatorInfraResource;
import org.medxfer.proto.dataset.v1.TaskType;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc.EvaluationServiceBlockingStub;
import org.medxfer.proto.evaluation.v1.Factor;
import org.medxfer.proto.evaluation.v1.GetStudyReportRequest;
import org.medxfer.proto.evaluation.v1.GetTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsResponse;
import org.medxfer.proto.evaluation.v1.MetricWarningKind;
import org.medxfer.proto.evaluation.v1.StudyComparison;
import org.medxfer.proto.evaluation.v1.StudyReport;
import org.medxfer.proto.evaluation.v1.TrialMetrics;
import org.medxfer.proto.trial.v1.Adaptation;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.TestPredictions;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialCompleted;
import org.medxfer.proto.trial.v1.TrialEvent;
import org.medxfer.proto.trial.v1.TrialSpec;
import org.medxfer.testsupport.TestTokens;

/**
 * The evaluator end to end on real Kafka, S3 and PostgreSQL: predictions stored by a "trainer"
 * (this test), a completion event on the topic, metrics read back through the gRPC API, called as
 * the gateway would with a service token.
 */
@QuarkusTest
@QuarkusTestResource(value = EvaluatorInfraResource.class, restrictToAnnotatedClass = true)
class TrialMetricsIT {

  private static final Duration HANDLED_WITHIN = Duration.ofSeconds(60);
  private static final String GROUP = "medxfer-evaluator";

  @Inject ObjectStore objectStore;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/")
  URL server;

  private final String study = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private ManagedChannel channel;
  private EvaluationServiceBlockingStub evaluation;
  private KafkaProducer<String, byte[]> producer;
  private Admin admin;

  @BeforeEach
  void connect() {
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    evaluation =
        EvaluationServiceGrpc.newBlockingStub(channel)
            .withInterceptors(TestTokens.asPlatform(TestTokens.PROJECT))
            .withDeadlineAfter(30, TimeUnit.SECONDS);
    Properties kafka = new Properties();
    kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    kafka.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    kafka.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(kafka);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    producer.close();
    admin.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void onlyThePlatformsOwnCallersGetInWhileHealthStaysOpen() {
    EvaluationServiceBlockingStub anonymous =
        EvaluationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    ListTrialMetricsRequest list =
        ListTrialMetricsRequest.newBuilder().setParent("studies/" + study).build();

    for (ClientInterceptor caller : TestTokens.callersAnInternalServiceRefuses()) {
      EvaluationServiceBlockingStub refused = anonymous.withInterceptors(caller);
      assertThatThrownBy(() -> refused.listTrialMetrics(list))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
    assertThat(evaluation.listTrialMetrics(list).getTrialMetricsList()).isEmpty();
    assertThat(
            HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void aCompletedTrialIsScoredFromItsPredictionsAndARedeliveryStoresNothingNew() {
    String trial = trialName("img-s0");
    TestPredictions predictions = randomBinaryPredictions(trial, 1, new Random(7), 400);
    String key = storePredictions(predictions);
    TrialSpec spec = spec(InitKind.INIT_KIND_IMAGENET, 0);
    TrialEvent completed = completion(trial, 1, spec, key, 12.5);

    awaitHandled(publish(completed));
    TrialMetrics stored = getMetrics(trial);

    assertThat(stored.getTestAuc()).isCloseTo(pairwiseAuc(predictions), within(1e-12));
    assertThat(stored.getTestAcc()).isCloseTo(thresholdAccuracy(predictions), within(1e-12));
    assertThat(stored.getName()).isEqualTo(trial + "/metrics");
    assertThat(stored.getTrial()).isEqualTo(trial);
    assertThat(stored.getAttempt()).isEqualTo(1);
    assertThat(stored.getSpec()).isEqualTo(spec);
    assertThat(stored.getTaskType()).isEqualTo(TaskType.TASK_TYPE_BINARY);
    assertThat(stored.getTestCount()).isEqualTo(400);
    assertThat(stored.getTrainingSeconds()).isEqualTo(12.5);
    assertThat(stored.getPredictionsKey()).isEqualTo(key);
    assertThat(stored.getCodeVersion()).isEqualTo("0.1.0+g0123456789ab");

    // The same event again, and another event for the same attempt that claims other numbers.
    publish(completed);
    awaitHandled(
        publish(
            completed.toBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCompleted(completed.getCompleted().toBuilder().setTrainingSeconds(999))
                .build()));

    assertThat(getMetrics(trial)).isEqualTo(stored);
    assertThat(listMetrics(0, "").getTrialMetricsList()).containsExactly(stored);
  }

  @Test
  void multiLabelPredictionsAreScoredPerLabelAndHaveNoExtendedMetrics() {
    String trial = trialName("multi-label");
    // Two labels as masks: label 0 in images 0 and 2, label 1 in images 1 and 2; per-label
    // sigmoid scores.
    TestPredictions predictions =
        TestPredictions.newBuilder()
            .setTrial(trial)
            .setAttempt(1)
            .setTaskType(TaskType.TASK_TYPE_MULTI_LABEL)
            .setNumClasses(2)
            .addAllLabels(List.of(0b01, 0b10, 0b11, 0b00))
            .addAllScores(List.of(0.9f, 0.2f, 0.1f, 0.6f, 0.7f, 0.4f, 0.3f, 0.5f))
            .build();

    awaitHandled(
        publish(
            completion(
                trial, 1, spec(InitKind.INIT_KIND_RANDOM, 0), storePredictions(predictions), 2)));
    TrialMetrics stored = getMetrics(trial);

    // Label 0: both positives above both negatives, AUC 1; label 1: positives {0.6, 0.4} against
    // negatives {0.2, 0.5}, 3 of 4 pairs. ACC at 0.5: 4/4 and 3/4.
    assertThat(stored.getTaskType()).isEqualTo(TaskType.TASK_TYPE_MULTI_LABEL);
    assertThat(stored.getTestAuc()).isCloseTo((1 + 0.75) / 2, within(1e-12));
    assertThat(stored.getTestAcc()).isCloseTo((1 + 0.75) / 2, within(1e-12));
    assertThat(stored.getHasExtendedMetrics()).isFalse();
    assertThat(stored.getRecallList()).isEmpty();
  }

  @Test
  void predictionsWithoutADefinedAucAreNotStoredAndNotRetried() {
    String trial = trialName("single-class");
    TestPredictions singleClass =
        TestPredictions.newBuilder()
            .setTrial(trial)
            .setAttempt(1)
            .setTaskType(TaskType.TASK_TYPE_BINARY)
            .setNumClasses(2)
            .addAllLabels(List.of(1, 1, 1))
            .addAllScores(List.of(0.4f, 0.6f, 0.3f, 0.7f, 0.1f, 0.9f))
            .build();

    // Handled means committed: the consumer moved past the event instead of retrying it.
    awaitHandled(
        publish(
            completion(
                trial, 1, spec(InitKind.INIT_KIND_RANDOM, 0), storePredictions(singleClass), 3)));

    assertThatThrownBy(() -> getMetrics(trial))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(GrpcErrors.errorInfo(e))
                  .map(ErrorInfo::getReason)
                  .contains("TRIAL_METRICS_NOT_FOUND");
            });
  }

  @Test
  void theLatestAttemptCountsAndArmsAreComparedOverSeeds() {
    Random random = new Random(11);
    String imgSeed0 = trialName("img-s0");
    String imgSeed1 = trialName("img-s1");
    String rndSeed0 = trialName("rnd-s0");
    TestPredictions img0Attempt1 = randomBinaryPredictions(imgSeed0, 1, random, 120);
    TestPredictions img0Attempt2 = randomBinaryPredictions(imgSeed0, 2, random, 120);
    TestPredictions img1 = randomBinaryPredictions(imgSeed1, 1, random, 120);
    TestPredictions rnd0 = randomBinaryPredictions(rndSeed0, 1, random, 120);
    List<RecordMetadata> sent = new ArrayList<>();
    sent.add(
        publish(
            completion(
                imgSeed0,
                1,
                spec(InitKind.INIT_KIND_IMAGENET, 0),
                storePredictions(img0Attempt1),
                10)));
    sent.add(
        publish(
            completion(
                imgSeed0,
                2,
                spec(InitKind.INIT_KIND_IMAGENET, 0),
                storePredictions(img0Attempt2),
                20)));
    sent.add(
        publish(
            completion(
                imgSeed1, 1, spec(InitKind.INIT_KIND_IMAGENET, 1), storePredictions(img1), 30)));
    sent.add(
        publish(
            completion(
                rndSeed0, 1, spec(InitKind.INIT_KIND_RANDOM, 0), storePredictions(rnd0), 40)));
    sent.forEach(this::awaitHandled);

    TrialMetrics latest = getMetrics(imgSeed0);
    assertThat(latest.getAttempt()).isEqualTo(2);
    assertThat(latest.getTestAuc()).isCloseTo(pairwiseAuc(img0Attempt2), within(1e-12));

    ListTrialMetricsResponse first = listMetrics(2, "");
    ListTrialMetricsResponse second = listMetrics(2, first.getNextPageToken());
    assertThat(first.getTrialMetricsList())
        .extracting(TrialMetrics::getTrial, TrialMetrics::getAttempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(imgSeed0, 2),
            org.assertj.core.groups.Tuple.tuple(imgSeed1, 1));
    assertThat(first.getNextPageToken()).isNotEmpty();
    assertThat(second.getTrialMetricsList())
        .extracting(TrialMetrics::getTrial)
        .containsExactly(rndSeed0);
    assertThat(second.getNextPageToken()).isEmpty();

    StudyComparison byInit =
        evaluation.compareStudy(
            CompareStudyRequest.newBuilder()
                .setStudy("studies/" + study)
                .addGroupBy(Factor.FACTOR_INIT)
                .build());
    assertThat(byInit.getGroupByList()).containsExactly(Factor.FACTOR_INIT);
    assertThat(byInit.getRowsList())
        .extracting(row -> row.getInit().getKind())
        .containsExactly(InitKind.INIT_KIND_RANDOM, InitKind.INIT_KIND_IMAGENET);
    ComparisonRow random0 = byInit.getRows(0);
    assertThat(random0.getN()).isEqualTo(1);
    assertThat(random0.getMeanAuc()).isCloseTo(pairwiseAuc(rnd0), within(1e-12));
    assertThat(random0.getSdAuc()).isZero();
    ComparisonRow imagenet = byInit.getRows(1);
    double a = pairwiseAuc(img0Attempt2);
    double b = pairwiseAuc(img1);
    assertThat(imagenet.getN()).isEqualTo(2);
    assertThat(imagenet.getMeanAuc()).isCloseTo((a + b) / 2, within(1e-12));
    // The sample SD of two values is their distance over sqrt(2).
    assertThat(imagenet.getSdAuc()).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-12));
    assertThat(imagenet.getMeanTrainingSeconds()).isCloseTo(25, within(1e-12));
    assertThat(imagenet.getDataset()).isEmpty();

    StudyComparison byEveryFactor =
        evaluation.compareStudy(
            CompareStudyRequest.newBuilder().setStudy("studies/" + study).setPageSize(1).build());
    assertThat(byEveryFactor.getGroupByCount()).isEqualTo(6);
    assertThat(byEveryFactor.getRowsList()).hasSize(1);
    assertThat(byEveryFactor.getRows(0).getDataset()).isEqualTo("breastmnist");
    assertThat(byEveryFactor.getNextPageToken()).isNotEmpty();
  }

  @Test
  void badNamesAreInvalidArgumentsAndUnknownStudiesCompareEmpty() {
    assertFieldViolation(
        () ->
            evaluation.getTrialMetrics(
                GetTrialMetricsRequest.newBuilder().setName("trials/x").build()),
        "name");
    assertFieldViolation(
        () ->
            evaluation.listTrialMetrics(
                ListTrialMetricsRequest.newBuilder().setParent("study").build()),
        "parent");
    assertFieldViolation(
        () ->
            evaluation.compareStudy(
                CompareStudyRequest.newBuilder()
                    .setStudy("studies/" + study)
                    .addGroupBy(Factor.FACTOR_UNSPECIFIED)
                    .build()),
        "group_by[0]");

    StudyComparison unknown =
        evaluation.compareStudy(
            CompareStudyRequest.newBuilder().setStudy("studies/never-ran").build());
    assertThat(unknown.getRowsList()).isEmpty();
    assertThat(unknown.getNextPageToken()).isEmpty();
    assertThatThrownBy(() -> getMetrics("studies/never-ran/trials/t"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void theRealDemoStudyReplayedOnKafkaGivesCurvesExtendedMetricsAndPairedComparisons() {
    // The recorded study's events and predictions, moved into this test's own study.
    String recorded = DemoStudy.STUDY;
    String mine = "studies/" + study;
    Map<String, RecordMetadata> lastPerPartition = new HashMap<>();
    int completions = 0;
    for (TrialEvent event : DemoStudy.events()) {
      boolean keep = event.getSpec().getLabelFraction() == 1.0;
      if (!keep) {
        continue;
      }
      TrialEvent.Builder moved =
          event.toBuilder()
              .setStudy(mine)
              .setTrial(event.getTrial().replace(recorded, mine))
              .setEventId(UUID.randomUUID().toString());
      if (event.getPayloadCase() == TrialEvent.PayloadCase.COMPLETED) {
        TestPredictions predictions =
            DemoStudy.predictions(event.getTrial()).toBuilder().setTrial(moved.getTrial()).build();
        moved.setCompleted(
            event.getCompleted().toBuilder().setPredictionsKey(storePredictions(predictions)));
        completions++;
      }
      RecordMetadata sent = publish(moved.build());
      lastPerPartition.put(sent.topic() + sent.partition(), sent);
    }
    lastPerPartition.values().forEach(this::awaitHandled);

    StudyReport report =
        evaluation.getStudyReport(
            GetStudyReportRequest.newBuilder().setStudy(mine).setBootstrapSeed(7).build());
    ListTrialMetricsResponse listed = listMetrics(100, "");

    assertThat(completions).isEqualTo(12);
    assertThat(listed.getTrialMetricsList()).hasSize(12);
    assertThat(listed.getTrialMetricsList())
        .allSatisfy(
            m -> {
              assertThat(m.getHasExtendedMetrics()).isTrue();
              assertThat(m.getRecallCount()).isEqualTo(2);
              assertThat(m.getTestAuc())
                  .isCloseTo(
                      pairwiseAuc(DemoStudy.predictions(m.getTrial().replace(mine, recorded))),
                      within(1e-12));
            });
    assertThat(report.getArmsCount()).isEqualTo(4);
    assertThat(report.getLearningCurvesCount()).isEqualTo(12);
    assertThat(report.getLearningCurvesList())
        .allSatisfy(c -> assertThat(c.getPointsCount()).isEqualTo(c.getTotalEpochs()));
    assertThat(report.getInitComparisonsCount()).isEqualTo(2);
    assertThat(report.getInitComparisonsList())
        .allSatisfy(
            c -> {
              assertThat(c.getSeedsList()).containsExactly(0L, 1L, 2L);
              assertThat(c.getDelongCount()).isEqualTo(3);
              assertThat(c.getLower()).isLessThan(c.getDeltaAuc());
              assertThat(c.getUpper()).isGreaterThan(c.getDeltaAuc());
            });
    assertThat(report.getBootstrapResamples()).isEqualTo(1000);
    assertThat(report.getBootstrapSeed()).isEqualTo(7);
    // The recording predates code versions: stored as NULL, reported as not recorded, not mixed.
    assertThat(listed.getTrialMetricsList())
        .allSatisfy(m -> assertThat(m.getCodeVersion()).isEmpty());
    assertThat(report.getCodeVersionsList())
        .containsExactly(CodeVersionCount.newBuilder().setTrials(12).build());
    assertThat(report.getWarningsList())
        .noneMatch(w -> w.getKind() == MetricWarningKind.METRIC_WARNING_KIND_MIXED_CODE_VERSIONS);
  }

  private static void assertFieldViolation(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.fieldViolations(e))
                  .extracting(BadRequest.FieldViolation::getField)
                  .containsExactly(field);
            });
  }

  private String trialName(String id) {
    return "studies/" + study + "/trials/" + id;
  }

  private TrialMetrics getMetrics(String trial) {
    return evaluation.getTrialMetrics(
        GetTrialMetricsRequest.newBuilder().setName(trial + "/metrics").build());
  }

  private ListTrialMetricsResponse listMetrics(int pageSize, String pageToken) {
    return evaluation.listTrialMetrics(
        ListTrialMetricsRequest.newBuilder()
            .setParent("studies/" + study)
            .setPageSize(pageSize)
            .setPageToken(pageToken)
            .build());
  }

  private static TrialSpec spec(InitKind init, long seed) {
    return TrialSpec.newBuilder()
        .setDataset("breastmnist")
        .setDatasetVersion("datasets/breastmnist/versions/1")
        .setArchitecture("mobilenet_v1_025")
        .setInit(Initialization.newBuilder().setKind(init))
        .setAdaptation(Adaptation.newBuilder().setKind(AdaptationKind.ADAPTATION_KIND_FULL))
        .setLabelFraction(1.0)
        .setResolution(28)
        .setSeed(seed)
        .setTraining(TrainingSettings.newBuilder().setEpochs(3).setBatchSize(32))
        .build();
  }

  private static TrialEvent completion(
      String trial, int attempt, TrialSpec spec, String predictionsKey, double trainingSeconds) {
    Instant now = Instant.now();
    return TrialEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTrial(trial)
        .setStudy(trial.substring(0, trial.indexOf("/trials/")))
        .setAttempt(attempt)
        .setEventTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
        .setTrainerId("trial-metrics-it")
        .setCodeVersion("0.1.0+g0123456789ab")
        .setSpec(spec)
        .setCompleted(
            TrialCompleted.newBuilder()
                .setPredictionsKey(predictionsKey)
                .setTrainingSeconds(trainingSeconds)
                .setEpochsRun(3)
                .setBestEpoch(2))
        .build();
  }

  /** Scores on a 0.05 grid, so that ties between positives and negatives are frequent. */
  private static TestPredictions randomBinaryPredictions(
      String trial, int attempt, Random random, int count) {
    TestPredictions.Builder predictions =
        TestPredictions.newBuilder()
            .setTrial(trial)
            .setAttempt(attempt)
            .setTaskType(TaskType.TASK_TYPE_BINARY)
            .setNumClasses(2);
    for (int i = 0; i < count; i++) {
      int label = random.nextDouble() < 0.4 ? 1 : 0;
      float positive = Math.round((0.3 * label + 0.7 * random.nextDouble()) * 20) / 20f;
      predictions.addLabels(label).addScores(1 - positive).addScores(positive);
    }
    return predictions.build();
  }

  private String storePredictions(TestPredictions predictions) {
    String key =
        predictions.getTrial() + "/attempts/" + predictions.getAttempt() + "/test-predictions.pb";
    objectStore.put(key, predictions.toByteArray(), "application/x-protobuf");
    return key;
  }

  /** AUC by its definition: over every (positive, negative) pair, a win counts 1 and a tie 1/2. */
  private static double pairwiseAuc(TestPredictions predictions) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < predictions.getLabelsCount(); i++) {
      if (predictions.getLabels(i) != 1) {
        continue;
      }
      for (int j = 0; j < predictions.getLabelsCount(); j++) {
        if (predictions.getLabels(j) == 1) {
          continue;
        }
        float positive = predictions.getScores(2 * i + 1);
        float negative = predictions.getScores(2 * j + 1);
        wins += positive > negative ? 1 : positive == negative ? 0.5 : 0;
        pairs++;
      }
    }
    return wins / pairs;
  }

  private static double thresholdAccuracy(TestPredictions predictions) {
    int right = 0;
    for (int i = 0; i < predictions.getLabelsCount(); i++) {
      int predicted = predictions.getScores(2 * i + 1) > 0.5f ? 1 : 0;
      right += predicted == predictions.getLabels(i) ? 1 : 0;
    }
    return (double) right / predictions.getLabelsCount();
  }

  private RecordMetadata publish(TrialEvent event) {
    try {
      return producer
          .send(new ProducerRecord<>(Topics.TRIAL_EVENTS, event.getTrial(), event.toByteArray()))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("publishing " + event.getEventId() + " failed", e);
    }
  }

  /** Waits until the evaluator's group has committed past {@code sent}: the event is handled. */
  private void awaitHandled(RecordMetadata sent) {
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    long deadline = System.nanoTime() + HANDLED_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = committed.get(partition);
        if (offset != null && offset.offset() > sent.offset()) {
          return;
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (Exception e) {
        throw new IllegalStateException("reading the committed offsets of " + GROUP, e);
      }
    }
    throw new AssertionError(
        "the evaluator did not handle "
            + partition
            + "@"
            + sent.offset()
            + " in "
            + HANDLED_WITHIN);
  }
}
