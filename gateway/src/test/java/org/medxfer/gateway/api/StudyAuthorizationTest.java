package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.gateway.fixtures.GatewayCalls.code;
import static org.medxfer.gateway.fixtures.GatewayCalls.errorOf;
import static org.medxfer.gateway.fixtures.GatewayCalls.reason;
import static org.medxfer.gateway.fixtures.GatewayCalls.violations;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.BearerTokenAttacher;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.StudyClient;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.proto.study.v1.CancelStudyRequest;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.ListStudiesRequest;
import org.medxfer.proto.study.v1.ListTrialsRequest;
import org.medxfer.proto.study.v1.RerunStudyRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyServiceGrpc;
import org.medxfer.proto.study.v1.WatchStudyRequest;
import org.medxfer.proto.study.v1.WatchStudyResponse;

/** Authentication of every call and the isolation of one project's studies from another's. */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class StudyAuthorizationTest {

  @TestHTTPResource URL url;

  @Test
  void aCallWithoutATokenIsUnauthenticatedButHealthStaysOpen() throws InterruptedException {
    assertUnauthenticated(plaintext());

    ManagedChannel channel = plaintext().build();
    try {
      assertThat(
              HealthGrpc.newBlockingStub(channel)
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus())
          .isNotNull();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTokenOfAnotherKeyOrAMalformedOneIsUnauthenticated() throws InterruptedException {
    KeyPair stranger = BearerTokens.newKeyPair();
    String foreign =
        BearerTokens.issue(
            stranger.getPrivate(), "mallory", "default", Instant.now().plusSeconds(600));
    assertUnauthenticated(plaintext().intercept(new BearerTokenAttacher(foreign)));
    assertUnauthenticated(plaintext().intercept(new BearerTokenAttacher("not-a-token")));
  }

  private ManagedChannelBuilder<?> plaintext() {
    return ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext();
  }

  private static void assertUnauthenticated(ManagedChannelBuilder<?> builder)
      throws InterruptedException {
    ManagedChannel channel = builder.build();
    try {
      StatusRuntimeException error =
          errorOf(
              () ->
                  StudyServiceGrpc.newBlockingStub(channel)
                      .listStudies(ListStudiesRequest.getDefaultInstance()));
      assertThat(code(error)).isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void anotherProjectNeitherSeesNorTouchesAStudy() throws InterruptedException {
    try (StudyClient owner = new StudyClient(url, "radiology");
        StudyClient stranger = new StudyClient(url, "oncology")) {
      Study study = owner.create(StudyFiles.MINIMAL);
      String name = study.getName();
      StudyServiceGrpc.StudyServiceBlockingStub theirs = stranger.studies();

      assertDenied(
          errorOf(() -> theirs.getStudy(GetStudyRequest.newBuilder().setName(name).build())));
      assertDenied(
          errorOf(() -> theirs.cancelStudy(CancelStudyRequest.newBuilder().setName(name).build())));
      assertDenied(
          errorOf(() -> theirs.rerunStudy(RerunStudyRequest.newBuilder().setName(name).build())));
      assertDenied(
          errorOf(() -> theirs.listTrials(ListTrialsRequest.newBuilder().setParent(name).build())));
      String trialName = owner.trials(study).get(0).getName();
      assertDenied(errorOf(() -> stranger.trial(trialName)));
      assertDenied(
          errorOf(
              () -> {
                Iterator<WatchStudyResponse> watch =
                    theirs.watchStudy(WatchStudyRequest.newBuilder().setName(name).build());
                watch.next();
              }));

      assertThat(
              theirs.listStudies(ListStudiesRequest.getDefaultInstance()).getStudiesList().stream()
                  .map(Study::getName))
          .doesNotContain(name);
      assertThat(
              owner
                  .studies()
                  .listStudies(ListStudiesRequest.getDefaultInstance())
                  .getStudiesList()
                  .stream()
                  .map(Study::getName))
          .contains(name);
      assertThat(owner.study(study).getName()).isEqualTo(name);
    }
  }

  @Test
  void aCheckpointMayComeOnlyFromAStudyOfTheSameProject() throws InterruptedException {
    try (StudyClient owner = new StudyClient(url, "radiology");
        StudyClient stranger = new StudyClient(url, "oncology")) {
      String trial = owner.trials(owner.create(StudyFiles.MINIMAL)).get(0).getName();

      StatusRuntimeException foreign =
          errorOf(() -> stranger.studies().createStudy(checkpointFrom(trial)));
      assertThat(code(foreign)).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violations(foreign)).containsOnlyKeys("inits[0].source_trial");
      assertThat(violations(foreign).get("inits[0].source_trial")).contains("another project");

      StatusRuntimeException missing =
          errorOf(
              () ->
                  owner.studies().createStudy(checkpointFrom("studies/nobody-has-it/trials/t-1")));
      assertThat(violations(missing))
          .containsEntry("inits[0].source_trial", "study 'studies/nobody-has-it' does not exist");

      assertThat(owner.studies().createStudy(checkpointFrom(trial)).getTrialCounts().getTotal())
          .isEqualTo(1);
    }
  }

  private static CreateStudyRequest checkpointFrom(String sourceTrial) {
    return CreateStudyRequest.newBuilder()
        .setValidateOnly(true)
        .setStudyFile(
            """
            name: from-checkpoint
            datasets: [breastmnist]
            architectures: [cnn_small]
            inits: [{kind: checkpoint, source_trial: %s}]
            training: {epochs: 1}
            """
                .formatted(sourceTrial))
        .build();
  }

  private static void assertDenied(StatusRuntimeException error) {
    assertThat(code(error)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(reason(error)).isEqualTo(ErrorMapper.STUDY_ACCESS_DENIED);
  }
}
