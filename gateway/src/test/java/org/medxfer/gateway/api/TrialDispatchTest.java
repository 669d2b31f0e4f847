package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.gateway.fixtures.GatewayCalls.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.common.kafka.Topics;
import org.medxfer.gateway.app.ExpireTrials;
import org.medxfer.gateway.fixtures.Assignments;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.StudyClient;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.gateway.fixtures.TopicReader;
import org.medxfer.gateway.fixtures.TrialEvents;
import org.medxfer.proto.study.v1.CancelStudyRequest;
import org.medxfer.proto.study.v1.RerunStudyRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyServiceGrpc;
import org.medxfer.proto.study.v1.StudyState;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialCancellation;

/**
 * Dispatch with real Kafka and PostgreSQL: failed attempts are retried within the study's budget
 * and fenced (a late result of an old attempt stores nothing), attempts past their deadline time
 * out, cancelling a study tells the trainers which attempts to stop, and rerun queues only the
 * trials without a result.
 */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class TrialDispatchTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TestHTTPResource URL url;

  @Inject DataSource database;

  @Inject ExpireTrials expireTrials;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  private StudyClient client;
  private StudyServiceGrpc.StudyServiceBlockingStub studies;
  private TrialEvents events;

  @BeforeEach
  void connect() {
    client = new StudyClient(url);
    studies = client.studies();
    events = new TrialEvents(kafka);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    events.close();
    client.close();
  }

  @Test
  void aFailedAttemptIsRetriedWithinTheBudgetAndOldAttemptsAreFenced() {
    Study study = create(StudyFiles.MINIMAL + "budget: {max_attempts: 2}\n");
    String trial = trials(study).get(0).getName();

    events.started(trial, 1);
    events.failed(trial, 1, "INTERNAL", "the trainer crashed");

    Trial retried = await(() -> trial(trial), t -> t.getAttempt() == 2, WAIT);
    assertThat(retried.getState()).isEqualTo(TrialState.TRIAL_STATE_QUEUED);
    assertThat(retried.getError().getMessage()).isEqualTo("the trainer crashed");
    List<TrialAssignment> assignments = Assignments.await(kafka, study.getName(), 2);
    assertThat(assignments).extracting(TrialAssignment::getAttempt).containsExactly(1, 2);
    assertThat(assignments.get(1).getOutputPrefix()).endsWith("/attempts/2/");
    assertThat(assignments.get(1).getCheckpointPrefix())
        .isEqualTo(assignments.get(0).getCheckpointPrefix())
        .isEqualTo(trial + "/checkpoint/");

    // The first attempt's trainer finishes after all: its result is not the trial's.
    events.completed(trial, 1, 9.0, trial + "/attempts/1/predictions.pb");
    events.started(trial, 2);
    events.failed(trial, 2, "INTERNAL", "crashed again");

    Study ended = await(() -> study(study), s -> s.getState() != running(), WAIT);
    assertThat(ended.getState()).isEqualTo(StudyState.STUDY_STATE_FAILED);
    Trial failed = trial(trial);
    assertThat(failed.getState()).isEqualTo(TrialState.TRIAL_STATE_FAILED);
    assertThat(failed.getAttempt()).isEqualTo(2);
    assertThat(failed.getPredictionsKey()).isEmpty();
  }

  @Test
  void aDeterministicFailureIsNotRetried() {
    Study study = create(StudyFiles.MINIMAL);
    String trial = trials(study).get(0).getName();

    events.failed(trial, 1, "DIVERGED", "loss became NaN");

    Study ended = await(() -> study(study), s -> s.getState() != running(), WAIT);
    assertThat(ended.getState()).isEqualTo(StudyState.STUDY_STATE_FAILED);
    assertThat(trial(trial).getAttempt()).isEqualTo(1);
  }

  @Test
  void anAttemptPastItsDeadlineTimesOutIsCancelledAndRetried() throws SQLException {
    Study study = create(StudyFiles.MINIMAL);
    String trial = trials(study).get(0).getName();
    events.started(trial, 1);
    await(() -> trial(trial), t -> t.getState() == TrialState.TRIAL_STATE_RUNNING, WAIT);
    execute(
        "UPDATE gateway.trials SET deadline = now() - interval '1 second' WHERE name = ?", trial);

    expireTrials.expire();

    Trial retried = trial(trial);
    assertThat(retried.getAttempt()).isEqualTo(2);
    assertThat(retried.getState()).isEqualTo(TrialState.TRIAL_STATE_QUEUED);
    assertThat(retried.getError().getMessage()).contains("trial timeout");
    assertThat(cancellations(trial, 1))
        .extracting(TrialCancellation::getAttempt)
        .containsExactly(1);
  }

  @Test
  void cancellingAStudyTellsTheTrainersEveryOpenAttempt() {
    Study study = create(StudyFiles.MINIMAL.replace("training:", "seeds: [0, 1, 2]\ntraining:"));
    List<Trial> trials = trials(study);
    String done = trials.get(0).getName();
    events.completed(done, 1, 3.0, done + "/attempts/1/predictions.pb");
    await(() -> trial(done), t -> t.getState() == TrialState.TRIAL_STATE_SUCCEEDED, WAIT);
    events.started(trials.get(1).getName(), 1);

    studies.cancelStudy(CancelStudyRequest.newBuilder().setName(study.getName()).build());

    List<TrialCancellation> sent = cancellations(study.getName() + "/", 2);
    assertThat(sent)
        .extracting(TrialCancellation::getTrial)
        .containsExactlyInAnyOrder(trials.get(1).getName(), trials.get(2).getName());
    assertThat(sent).allSatisfy(c -> assertThat(c.getAttempt()).isEqualTo(1));
    assertThat(sent).allSatisfy(c -> assertThat(c.getReason()).isEqualTo("study cancelled"));
  }

  @Test
  void rerunQueuesOnlyTheTrialsWithoutAResult() {
    Study study = create(StudyFiles.MINIMAL.replace("training:", "seeds: [0, 1, 2]\ntraining:"));
    List<Trial> trials = trials(study);
    String done = trials.get(0).getName();
    String diverged = trials.get(1).getName();
    String open = trials.get(2).getName();
    events.completed(done, 1, 3.0, done + "/attempts/1/predictions.pb");
    events.failed(diverged, 1, "DIVERGED", "loss became NaN");
    await(() -> trial(diverged), t -> t.getState() == TrialState.TRIAL_STATE_FAILED, WAIT);
    studies.cancelStudy(CancelStudyRequest.newBuilder().setName(study.getName()).build());

    Study rerun =
        studies.rerunStudy(RerunStudyRequest.newBuilder().setName(study.getName()).build());

    assertThat(rerun.getState()).isEqualTo(StudyState.STUDY_STATE_RUNNING);
    assertThat(rerun.getTrialCounts().getQueued()).isEqualTo(2);
    assertThat(rerun.getTrialCounts().getSucceeded()).isEqualTo(1);
    assertThat(trial(done).getAttempt()).isEqualTo(1);
    assertThat(trial(diverged).getAttempt()).isEqualTo(2);
    assertThat(trial(open).getAttempt()).isEqualTo(2);
    List<TrialAssignment> assignments = Assignments.await(kafka, study.getName(), 5);
    assertThat(assignments)
        .filteredOn(a -> a.getAttempt() == 2)
        .extracting(TrialAssignment::getTrial)
        .containsExactlyInAnyOrder(diverged, open);

    // A second rerun while those attempts are open queues nothing more.
    Study again =
        studies.rerunStudy(RerunStudyRequest.newBuilder().setName(study.getName()).build());
    assertThat(again.getTrialCounts().getQueued()).isEqualTo(2);
    assertThat(trial(open).getAttempt()).isEqualTo(2);
  }

  private List<TrialCancellation> cancellations(String keyPrefix, int count) {
    try (TopicReader reader = new TopicReader(kafka, Topics.TRIAL_CANCELLATIONS)) {
      List<TrialCancellation> out = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record :
          reader.await(key -> key.startsWith(keyPrefix), count, Duration.ofSeconds(20))) {
        try {
          out.add(TrialCancellation.parseFrom(record.value()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
      return out;
    }
  }

  private void execute(String sql, String parameter) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      statement.executeUpdate();
    }
  }

  private Study create(String studyFile) {
    return client.create(studyFile);
  }

  private Study study(Study study) {
    return client.study(study);
  }

  private List<Trial> trials(Study study) {
    return client.trials(study);
  }

  private Trial trial(String name) {
    return client.trial(name);
  }

  private static StudyState running() {
    return StudyState.STUDY_STATE_RUNNING;
  }
}
