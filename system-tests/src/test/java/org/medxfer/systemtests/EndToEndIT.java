package org.medxfer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.client.StudyRunner;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.localstack.Component;
import org.medxfer.localstack.RunningStack;
import org.medxfer.proto.evaluation.v1.TrialMetrics;
import org.medxfer.proto.study.v1.ListTrialsRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyState;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.proto.trial.v1.TestPredictions;

/** The whole system, each service its own process, on the real local stack. */
@Timeout(600)
@ExtendWith(SystemStackExtension.class)
class EndToEndIT {

  private static SystemStack system;
  private static RunningStack stack;
  private static MedxferClients clients;

  @BeforeAll
  static void useTheSharedStack(SystemStack shared) {
    system = shared;
    stack = shared.stack();
    clients = shared.clients();
  }

  @Test
  void oneRealTrialFlowsThroughKafkaObjectStoreAndPostgres() throws Exception {
    Study study =
        create(
            """
            name: e2e-one-trial
            datasets: [breastmnist]
            architectures: [cnn_small]
            inits: [random]
            resolutions: [28]
            seeds: [7]
            training: {epochs: 2, batch_size: 32, optimizer: adam, lr: 0.001}
            """);
    assertThat(study.getTrialCounts().getTotal()).isEqualTo(1);

    Study finished = new StudyRunner(clients, System.out).watch(study.getName());

    assertThat(finished.getState()).isEqualTo(StudyState.STUDY_STATE_SUCCEEDED);
    Trial trial =
        clients
            .studies()
            .listTrials(ListTrialsRequest.newBuilder().setParent(study.getName()).build())
            .getTrials(0);
    assertThat(trial.getState()).isEqualTo(TrialState.TRIAL_STATE_SUCCEEDED);
    assertThat(trial.getPredictionsKey()).isNotEmpty();

    TrialMetrics metrics = system.awaitMetrics(trial.getName());
    double storedAuc = storedAucInPostgres(trial.getName());
    TestPredictions predictions =
        TestPredictions.parseFrom(system.objectStore().get(trial.getPredictionsKey()));
    double recomputedAuc = PairwiseAuc.binary(predictions);

    assertThat(predictions.getLabelsCount()).isEqualTo(156);
    assertThat(storedAuc).isEqualTo(metrics.getTestAuc());
    assertThat(storedAuc).isCloseTo(recomputedAuc, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(storedAuc).isBetween(0.0, 1.0);
  }

  @Test
  void everyServiceAnswersHealthChecksAndListsItsApiByReflection() throws Exception {
    Map<Component, String> apis =
        Map.of(
            Component.GATEWAY, "medxfer.study.v1.StudyService",
            Component.DATASET_SERVICE, "medxfer.dataset.v1.DatasetService",
            Component.TRAINER_SERVICE, "medxfer.trainer.v1.TrainerService",
            Component.EVALUATOR_SERVICE, "medxfer.evaluation.v1.EvaluationService");
    for (Map.Entry<Component, String> api : apis.entrySet()) {
      try (ServiceProbe probe = new ServiceProbe(stack.servicePort(api.getKey()))) {
        assertThat(probe.health()).as(api.getKey().id()).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.reflectedServices()).as(api.getKey().id()).contains(api.getValue());
      }
    }
  }

  @Test
  void malformedStudyFileIsRejectedNamingTheField() throws SQLException {
    long before = studyRows();

    assertThatThrownBy(
            () ->
                create(
                    """
                    name: e2e-bad
                    datasets: [breastmnist]
                    architectures: [cnn_small]
                    inits: [random]
                    training: {epochs: -3, batch_size: 32}
                    """))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            error -> {
              assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.fieldViolations(error))
                  .extracting(BadRequest.FieldViolation::getField)
                  .contains("training.epochs");
            });
    assertThat(studyRows()).isEqualTo(before);
  }

  @Test
  void unknownDatasetIsRejectedNamingIt() throws SQLException {
    long before = studyRows();

    assertThatThrownBy(
            () ->
                create(
                    """
                    name: e2e-unknown-dataset
                    datasets: [no-such-mnist]
                    architectures: [cnn_small]
                    inits: [random]
                    training: {epochs: 1, batch_size: 32}
                    """))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            error -> {
              assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.fieldViolations(error))
                  .anySatisfy(
                      violation -> {
                        assertThat(violation.getField()).isEqualTo("datasets[0]");
                        assertThat(violation.getDescription()).contains("no-such-mnist");
                      });
            });
    assertThat(studyRows()).isEqualTo(before);
  }

  private static Study create(String studyFile) {
    return system.createStudy(studyFile);
  }

  private static double storedAucInPostgres(String trialName) throws SQLException {
    try (Connection db = database();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT test_auc FROM evaluator.trial_metrics WHERE trial_name = ?"
                    + " ORDER BY attempt DESC LIMIT 1")) {
      query.setString(1, trialName);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("metrics row of %s", trialName).isTrue();
        return row.getDouble(1);
      }
    }
  }

  private static long studyRows() throws SQLException {
    try (Connection db = database();
        ResultSet row = db.createStatement().executeQuery("SELECT count(*) FROM gateway.studies")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static Connection database() throws SQLException {
    return system.database();
  }
}
