package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.gateway.fixtures.GatewayCalls.await;
import static org.medxfer.gateway.fixtures.GatewayCalls.code;
import static org.medxfer.gateway.fixtures.GatewayCalls.errorOf;
import static org.medxfer.gateway.fixtures.GatewayCalls.reason;
import static org.medxfer.gateway.fixtures.GatewayCalls.violations;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.Caller;
import org.medxfer.gateway.fixtures.EvaluationServiceDouble;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.PlatformCallers;
import org.medxfer.gateway.fixtures.StudyClient;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.gateway.infra.auth.PlatformCredentials;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc;
import org.medxfer.proto.evaluation.v1.GetStudyReportRequest;
import org.medxfer.proto.evaluation.v1.GetTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsRequest;
import org.medxfer.proto.study.v1.Study;

/**
 * The gateway as the front door of EvaluationService: it checks that the caller's project owns the
 * study before passing the call on to evaluator-service (here {@link EvaluationServiceDouble}) with
 * a service token of that project.
 */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class EvaluationGrpcFacadeTest {

  private static final EvaluationServiceDouble EVALUATION = GatewayInfraResource.EVALUATION;

  @TestHTTPResource URL url;

  @BeforeEach
  void forget() {
    EVALUATION.callers.clear();
  }

  @Test
  void aCallWithoutATokenIsUnauthenticated() throws InterruptedException {
    ManagedChannel anonymous =
        ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
    try {
      StatusRuntimeException error =
          errorOf(
              () ->
                  EvaluationServiceGrpc.newBlockingStub(anonymous)
                      .compareStudy(
                          CompareStudyRequest.newBuilder().setStudy("studies/any").build()));
      assertThat(code(error)).isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(EVALUATION.callers.calls()).isEmpty();
  }

  @Test
  void anotherProjectsStudyIsDeniedAndEvaluatorServiceNeverAsked() throws InterruptedException {
    try (StudyClient owner = new StudyClient(url, "radiology");
        StudyClient stranger = new StudyClient(url, "oncology")) {
      Study study = owner.create(StudyFiles.MINIMAL);
      String name = study.getName();
      String trial = owner.trials(study).get(0).getName();
      EvaluationServiceGrpc.EvaluationServiceBlockingStub theirs =
          EvaluationServiceGrpc.newBlockingStub(stranger.channel());

      assertDenied(
          errorOf(
              () -> theirs.compareStudy(CompareStudyRequest.newBuilder().setStudy(name).build())));
      assertDenied(
          errorOf(
              () ->
                  theirs.getStudyReport(
                      GetStudyReportRequest.newBuilder().setStudy(name).build())));
      assertDenied(
          errorOf(
              () ->
                  theirs.listTrialMetrics(
                      ListTrialMetricsRequest.newBuilder().setParent(name).build())));
      assertDenied(
          errorOf(
              () ->
                  theirs.getTrialMetrics(
                      GetTrialMetricsRequest.newBuilder().setName(trial + "/metrics").build())));
      assertThat(EVALUATION.callers.calls()).isEmpty();
    }
  }

  @Test
  void unknownAndMalformedStudiesAreRefusedAtTheGateway() throws InterruptedException {
    try (StudyClient client = new StudyClient(url, "radiology")) {
      EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation =
          EvaluationServiceGrpc.newBlockingStub(client.channel());

      StatusRuntimeException unknown =
          errorOf(
              () ->
                  evaluation.compareStudy(
                      CompareStudyRequest.newBuilder().setStudy("studies/nobody-has-it").build()));
      assertThat(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(reason(unknown)).isEqualTo(ErrorMapper.STUDY_NOT_FOUND);

      StatusRuntimeException study =
          errorOf(
              () ->
                  evaluation.getStudyReport(
                      GetStudyReportRequest.newBuilder().setStudy("not a study").build()));
      assertThat(code(study)).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violations(study)).containsOnlyKeys("study");

      StatusRuntimeException parent =
          errorOf(
              () ->
                  evaluation.listTrialMetrics(
                      ListTrialMetricsRequest.newBuilder().setParent("studies/").build()));
      assertThat(violations(parent)).containsOnlyKeys("parent");

      StatusRuntimeException metrics =
          errorOf(
              () ->
                  evaluation.getTrialMetrics(
                      GetTrialMetricsRequest.newBuilder().setName("studies/s/trials/t").build()));
      assertThat(code(metrics)).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violations(metrics)).containsOnlyKeys("name");

      assertThat(EVALUATION.callers.calls()).isEmpty();
    }
  }

  @Test
  void theOwnersCallsArePassedOnWithATokenOfTheirProject() throws InterruptedException {
    try (StudyClient owner = new StudyClient(url, "radiology")) {
      Study study = owner.create(StudyFiles.MINIMAL);
      String trial = owner.trials(study).get(0).getName();
      EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation =
          EvaluationServiceGrpc.newBlockingStub(owner.channel());

      assertThat(
              evaluation
                  .compareStudy(CompareStudyRequest.newBuilder().setStudy(study.getName()).build())
                  .getStudy())
          .isEqualTo(study.getName());
      assertThat(
              evaluation
                  .getTrialMetrics(
                      GetTrialMetricsRequest.newBuilder().setName(trial + "/metrics").build())
                  .getName())
          .isEqualTo(trial + "/metrics");
      assertThat(
              evaluation
                  .listTrialMetrics(
                      ListTrialMetricsRequest.newBuilder().setParent(study.getName()).build())
                  .getTrialMetricsCount())
          .isEqualTo(1);

      assertThat(EVALUATION.callers.calls())
          .extracting(PlatformCallers.Call::caller)
          .containsOnly(new Caller(PlatformCredentials.SERVICE, "radiology"))
          .hasSize(3);
    }
  }

  @Test
  void evaluatorServicesErrorsPassThroughWithTheirDetails() throws InterruptedException {
    try (StudyClient owner = new StudyClient(url, "radiology")) {
      Study study = owner.create(StudyFiles.MINIMAL);
      StatusRuntimeException error =
          errorOf(
              () ->
                  EvaluationServiceGrpc.newBlockingStub(owner.channel())
                      .getStudyReport(
                          GetStudyReportRequest.newBuilder().setStudy(study.getName()).build()));

      assertThat(code(error)).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(reason(error)).isEqualTo(EvaluationServiceDouble.NO_METRICS);
      assertThat(error.getStatus().getDescription())
          .isEqualTo(study.getName() + " has no trial with metrics yet");
    }
  }

  @Test
  void aCallerThatGivesUpCancelsTheCallAtEvaluatorService() throws InterruptedException {
    try (StudyClient owner = new StudyClient(url, "radiology")) {
      Study study = owner.create(StudyFiles.MINIMAL);
      int before = EVALUATION.cancelledCalls.get();
      StatusRuntimeException error =
          errorOf(
              () ->
                  EvaluationServiceGrpc.newBlockingStub(owner.channel())
                      .withDeadlineAfter(1, TimeUnit.SECONDS)
                      .compareStudy(
                          CompareStudyRequest.newBuilder()
                              .setStudy(study.getName())
                              .setPageToken(EvaluationServiceDouble.NEVER_ANSWER)
                              .build()));

      assertThat(code(error)).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      await(
          EVALUATION.cancelledCalls::get,
          cancelled -> cancelled == before + 1,
          Duration.ofSeconds(10));
    }
  }

  private static void assertDenied(StatusRuntimeException error) {
    assertThat(code(error)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(reason(error)).isEqualTo(ErrorMapper.STUDY_ACCESS_DENIED);
  }
}
