package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.gateway.fixtures.GatewayCalls.await;
import static org.medxfer.gateway.fixtures.GatewayCalls.code;
import static org.medxfer.gateway.fixtures.GatewayCalls.errorOf;
import static org.medxfer.gateway.fixtures.GatewayCalls.reason;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.gateway.domain.DataLocation;
import org.medxfer.gateway.domain.ResourceNames;
import org.medxfer.gateway.domain.StudyDefinition;
import org.medxfer.gateway.domain.StudyExpander;
import org.medxfer.gateway.domain.StudyRepository;
import org.medxfer.gateway.domain.StudyState;
import org.medxfer.gateway.domain.TaskType;
import org.medxfer.gateway.domain.TrialCounts;
import org.medxfer.gateway.domain.TrialSetup;
import org.medxfer.gateway.fixtures.Assignments;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.Sql;
import org.medxfer.gateway.fixtures.StudyClient;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.gateway.fixtures.TrialEvents;
import org.medxfer.gateway.fixtures.WatchRecorder;
import org.medxfer.gateway.infra.yaml.YamlStudyFileParser;
import org.medxfer.proto.study.v1.CancelStudyRequest;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyServiceGrpc;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.proto.study.v1.WatchStudyRequest;
import org.medxfer.proto.study.v1.WatchStudyResponse;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.testsupport.TestTokens;

/**
 * A study's life after creation, with real Kafka and PostgreSQL: trainers' events on the real topic
 * move trials and the study, WatchStudy streams the changes, CancelStudy stops it, and trials
 * stored but never published reach the trainers anyway.
 */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class StudyLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TestHTTPResource URL url;

  @Inject DataSource database;

  @Inject StudyRepository repository;

  @Inject Clock clock;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  private StudyClient client;
  private ManagedChannel channel;
  private StudyServiceGrpc.StudyServiceBlockingStub studies;
  private TrialEvents events;

  @BeforeEach
  void connect() {
    client = new StudyClient(url);
    channel = client.channel();
    studies = client.studies();
    events = new TrialEvents(kafka);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    events.close();
    client.close();
  }

  @Test
  void trainerEventsMoveTrialsAndTheStudyAndWatchStudyStreamsThem() {
    Study study = create(StudyFiles.MINIMAL.replace("training:", "seeds: [0, 1]\ntraining:"));
    List<Trial> trials = trials(study);
    String first = trials.get(0).getName();
    String second = trials.get(1).getName();
    WatchRecorder watch = watch(study);
    await(watch::messages, messages -> !messages.isEmpty(), WAIT);

    WatchStudyResponse opening = watch.messages().get(0);
    assertThat(opening.getStudy().getName()).isEqualTo(study.getName());
    assertThat(opening.getTrialsList())
        .extracting(Trial::getState)
        .containsExactly(TrialState.TRIAL_STATE_QUEUED, TrialState.TRIAL_STATE_QUEUED);

    events.started(first, 1);
    events.epoch(first, 1, 1, 0.81);
    await(
        watch::messages,
        messages ->
            messages.stream().anyMatch(showsTrial(first, t -> t.getProgress().getEpoch() == 1)),
        WAIT);
    Trial running = trial(first);
    assertThat(running.getState()).isEqualTo(TrialState.TRIAL_STATE_RUNNING);
    assertThat(running.getProgress().getValAuc()).isEqualTo(0.81);
    assertThat(studies.getStudy(get(study)).getTrialCounts().getRunning()).isEqualTo(1);

    events.completed(first, 1, 12.5, first + "/attempts/1/predictions.pb");
    events.started(second, 1);
    events.failed(second, 1, "DIVERGED", "loss became NaN at epoch 2");

    Study ended = await(() -> studies.getStudy(get(study)), s -> s.getState() != running(), WAIT);
    assertThat(ended.getState())
        .isEqualTo(org.medxfer.proto.study.v1.StudyState.STUDY_STATE_SUCCEEDED);
    assertThat(ended.getTrialCounts().getSucceeded()).isEqualTo(1);
    assertThat(ended.getTrialCounts().getFailed()).isEqualTo(1);
    Trial succeeded = trial(first);
    assertThat(succeeded.getState()).isEqualTo(TrialState.TRIAL_STATE_SUCCEEDED);
    assertThat(succeeded.getTrainingSeconds()).isEqualTo(12.5);
    assertThat(succeeded.getPredictionsKey()).isEqualTo(first + "/attempts/1/predictions.pb");
    assertThat(succeeded.getProgress().getEpoch()).isEqualTo(1);
    Trial failed = trial(second);
    assertThat(failed.getState()).isEqualTo(TrialState.TRIAL_STATE_FAILED);
    assertThat(failed.getError().getMessage()).isEqualTo("loss became NaN at epoch 2");
    assertThat(reasonOf(failed.getError())).isEqualTo("DIVERGED");

    assertThat(watch.awaitEnd(30).getCode()).isEqualTo(Status.Code.OK);
    List<WatchStudyResponse> messages = watch.messages();
    WatchStudyResponse last = messages.get(messages.size() - 1);
    assertThat(last.getStudy().getState())
        .isEqualTo(org.medxfer.proto.study.v1.StudyState.STUDY_STATE_SUCCEEDED);
    assertThat(messages)
        .anyMatch(showsTrial(first, t -> t.getState() == TrialState.TRIAL_STATE_RUNNING))
        .anyMatch(showsTrial(first, t -> t.getState() == TrialState.TRIAL_STATE_SUCCEEDED))
        .anyMatch(showsTrial(second, t -> t.getState() == TrialState.TRIAL_STATE_FAILED));
    // After the first message, each one carries only the trials that changed.
    assertThat(messages.subList(1, messages.size()))
        .allSatisfy(message -> assertThat(message.getTrialsCount()).isLessThanOrEqualTo(2));
  }

  @Test
  void eventsOfOtherAttemptsAndUnreadableEventsAreIgnored() {
    Study study = create(StudyFiles.MINIMAL);
    String trial = trials(study).get(0).getName();

    events.garbage(trial);
    events.completed(trial, 2, 1.0, "not/this/attempt");
    events.failed(trial, 0, "OLD", "an older attempt failed");
    events.completed("studies/none-such/trials/t", 1, 1.0, "unknown/trial");
    // Events of one trial share a partition and arrive in order: once this one shows, the ones
    // before it were handled.
    events.started(trial, 1);

    Trial running =
        await(() -> trial(trial), t -> t.getState() != TrialState.TRIAL_STATE_QUEUED, WAIT);
    assertThat(running.getState()).isEqualTo(TrialState.TRIAL_STATE_RUNNING);
    assertThat(running.getPredictionsKey()).isEmpty();
    assertThat(running.hasError()).isFalse();
  }

  @Test
  void aStudyWhoseTrialsAllFailEndsFailed() {
    Study study = create(StudyFiles.MINIMAL);
    String trial = trials(study).get(0).getName();

    // INVALID_DATA fails the same way on every attempt, so it is not retried.
    events.failed(trial, 1, "INVALID_DATA", "shard is corrupt");

    Study ended = await(() -> studies.getStudy(get(study)), s -> s.getState() != running(), WAIT);
    assertThat(ended.getState())
        .isEqualTo(org.medxfer.proto.study.v1.StudyState.STUDY_STATE_FAILED);
    assertThat(reasonOf(ended.getError())).isEqualTo("NO_TRIAL_SUCCEEDED");
    assertThat(ended.getError().getMessage()).isEqualTo("none of the 1 trials succeeded");
  }

  @Test
  void cancellingStopsTheOpenTrialsAndOnlyARunningStudyCanBeCancelled() {
    Study study = create(StudyFiles.MINIMAL.replace("training:", "seeds: [0, 1]\ntraining:"));
    String done = trials(study).get(0).getName();
    String open = trials(study).get(1).getName();
    events.completed(done, 1, 3.0, done + "/attempts/1/predictions.pb");
    await(() -> trial(done), t -> t.getState() == TrialState.TRIAL_STATE_SUCCEEDED, WAIT);

    Study cancelled =
        studies.cancelStudy(CancelStudyRequest.newBuilder().setName(study.getName()).build());

    assertThat(cancelled.getState())
        .isEqualTo(org.medxfer.proto.study.v1.StudyState.STUDY_STATE_CANCELLED);
    assertThat(cancelled.getTrialCounts().getSucceeded()).isEqualTo(1);
    assertThat(cancelled.getTrialCounts().getCancelled()).isEqualTo(1);
    assertThat(trial(done).getState()).isEqualTo(TrialState.TRIAL_STATE_SUCCEEDED);
    assertThat(trial(open).getState()).isEqualTo(TrialState.TRIAL_STATE_CANCELLED);

    StatusRuntimeException again =
        errorOf(
            () ->
                studies.cancelStudy(
                    CancelStudyRequest.newBuilder().setName(study.getName()).build()));
    assertThat(code(again)).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(reason(again)).isEqualTo("STUDY_ALREADY_ENDED");
    StatusRuntimeException unknown =
        errorOf(
            () ->
                studies.cancelStudy(
                    CancelStudyRequest.newBuilder().setName("studies/none-such").build()));
    assertThat(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);

    // A watch of an ended study sends the study once and ends.
    WatchRecorder watch = watch(study);
    assertThat(watch.awaitEnd(30).getCode()).isEqualTo(Status.Code.OK);
    assertThat(watch.messages()).hasSize(1);
    assertThat(watch.messages().get(0).getTrialsCount()).isEqualTo(2);
  }

  @Test
  void watchingAnUnknownStudyIsNotFound() {
    WatchRecorder watch = new WatchRecorder();
    StudyServiceGrpc.newStub(channel)
        .watchStudy(WatchStudyRequest.newBuilder().setName("studies/none-such").build(), watch);

    assertThat(watch.awaitEnd(30).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(watch.messages()).isEmpty();
  }

  @Test
  void trialsStoredButNeverPublishedAreDispatchedInTheBackground() {
    // What a gateway that stopped between its commit and its publish leaves behind.
    StudyDefinition definition = new YamlStudyFileParser().parse(StudyFiles.MINIMAL).definition();
    String studyName = ResourceNames.study("crashed-" + System.nanoTime());
    DataLocation data =
        new DataLocation(
            "datasets/breastmnist/versions/v0",
            TaskType.BINARY,
            2,
            List.of("malignant", "benign"),
            28,
            28,
            1,
            "train.shard",
            "val.shard",
            "test.shard");
    Instant now = clock.instant();
    List<org.medxfer.gateway.domain.Trial> stored =
        StudyExpander.expand(definition).stream()
            .map(
                cell ->
                    org.medxfer.gateway.domain.Trial.queued(
                        studyName,
                        new TrialSetup(
                            cell,
                            data.datasetVersion(),
                            definition.resize(),
                            definition.training()),
                        data,
                        now))
            .toList();
    repository.inTransaction(
        tx -> {
          tx.insertStudy(
              new org.medxfer.gateway.domain.Study(
                  studyName,
                  StudyState.RUNNING,
                  now,
                  now,
                  null,
                  definition,
                  StudyFiles.MINIMAL,
                  "",
                  TrialCounts.NONE),
              TestTokens.PROJECT);
          tx.insertTrials(stored);
          return null;
        });

    List<TrialAssignment> assignments = Assignments.await(kafka, studyName, 1);

    assertThat(assignments).hasSize(1);
    assertThat(assignments.get(0).getTrial()).isEqualTo(stored.get(0).name());
    assertThat(assignments.get(0).getData().getTrainShardKey()).isEqualTo("train.shard");
    await(
        () ->
            Sql.column(
                database, "SELECT dispatched FROM gateway.trials WHERE study = ?", studyName),
        flags -> flags.equals(List.of("t")),
        WAIT);
  }

  private Study create(String studyFile) {
    return client.create(studyFile);
  }

  private List<Trial> trials(Study study) {
    return client.trials(study);
  }

  private Trial trial(String name) {
    return client.trial(name);
  }

  private WatchRecorder watch(Study study) {
    WatchRecorder recorder = new WatchRecorder();
    StudyServiceGrpc.newStub(channel)
        .watchStudy(WatchStudyRequest.newBuilder().setName(study.getName()).build(), recorder);
    return recorder;
  }

  private static GetStudyRequest get(Study study) {
    return GetStudyRequest.newBuilder().setName(study.getName()).build();
  }

  private static org.medxfer.proto.study.v1.StudyState running() {
    return org.medxfer.proto.study.v1.StudyState.STUDY_STATE_RUNNING;
  }

  private static Predicate<WatchStudyResponse> showsTrial(String name, Predicate<Trial> state) {
    return message ->
        message.getTrialsList().stream()
            .anyMatch(trial -> trial.getName().equals(name) && state.test(trial));
  }

  private static String reasonOf(com.google.rpc.Status status) {
    return status.getDetailsList().stream()
        .filter(any -> any.is(ErrorInfo.class))
        .map(
            any -> {
              try {
                return any.unpack(ErrorInfo.class);
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            })
        .peek(info -> assertThat(info.getDomain()).isEqualTo(GrpcErrors.DOMAIN))
        .map(ErrorInfo::getReason)
        .findFirst()
        .orElse("");
  }
}
