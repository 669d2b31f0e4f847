package org.medxfer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medxfer.cli.client.DatasetUploader;
import org.medxfer.cli.client.KnownDatasets;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.localstack.Component;
import org.medxfer.proto.dataset.v1.Dataset;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.GetDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc;
import org.medxfer.proto.study.v1.CancelStudyRequest;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.ListStudiesRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyServiceGrpc;

/**
 * Two projects on one running stack, each user with a token of their own project, every call
 * through the gateway: bob of pathology can neither see nor touch what alice of radiology made, and
 * the internal services refuse a user's token outright.
 */
@Timeout(600)
@ExtendWith(SystemStackExtension.class)
class ProjectIsolationIT {

  private static final String ALICES_DATASET = "radiology-breast";

  private static SystemStack system;
  private static String aliceToken;
  private static ManagedChannel alice;
  private static ManagedChannel bob;
  private static Study alicesStudy;
  private static String alicesDatasetName;

  @BeforeAll
  static void aliceImportsADatasetAndCreatesAStudy(SystemStack shared) {
    system = shared;
    aliceToken = system.issueToken("alice", "radiology");
    alice = system.gatewayChannel(aliceToken);
    bob = system.gatewayChannel(system.issueToken("bob", "pathology"));

    KnownDatasets.Known breast = KnownDatasets.find(SystemStack.DATASET).orElseThrow();
    ImportDatasetResponse imported =
        DatasetUploader.upload(
            DatasetServiceGrpc.newStub(alice),
            ImportDatasetRequest.newBuilder()
                .setDatasetId(ALICES_DATASET)
                .setRequestId(UUID.randomUUID().toString())
                .setFormat(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ)
                .setDisplayName(breast.displayName())
                .setCard(breast.card())
                .build(),
            system.medmnistFile(SystemStack.DATASET));
    alicesDatasetName = imported.getDataset().getName();
    alicesStudy =
        StudyServiceGrpc.newBlockingStub(alice)
            .createStudy(
                CreateStudyRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setStudyFile(
                        """
                        name: radiology-only
                        datasets: [%s]
                        architectures: [cnn_small]
                        inits: [random]
                        resolutions: [28]
                        seeds: [1]
                        training: {epochs: 1, batch_size: 64}
                        """
                            .formatted(ALICES_DATASET))
                    .build());
  }

  @AfterAll
  static void aliceCancelsHerStudy() {
    if (alice == null) {
      return;
    }
    try {
      if (alicesStudy != null) {
        // Only the access checks matter; the trainer need not train it.
        StudyServiceGrpc.newBlockingStub(alice)
            .cancelStudy(CancelStudyRequest.newBuilder().setName(alicesStudy.getName()).build());
      }
    } finally {
      alice.shutdownNow();
      bob.shutdownNow();
    }
  }

  @Test
  void aliceSeesWhatSheMade() {
    assertThat(
            names(
                DatasetServiceGrpc.newBlockingStub(alice)
                    .listDatasets(listAll())
                    .getDatasetsList()))
        .contains(alicesDatasetName);
    assertThat(
            StudyServiceGrpc.newBlockingStub(alice)
                .getStudy(GetStudyRequest.newBuilder().setName(alicesStudy.getName()).build())
                .getName())
        .isEqualTo(alicesStudy.getName());
  }

  @Test
  void bobsListsNeverNameRadiologysDatasetsOrStudies() {
    assertThat(
            names(
                DatasetServiceGrpc.newBlockingStub(bob).listDatasets(listAll()).getDatasetsList()))
        .doesNotContain(alicesDatasetName)
        .noneMatch(name -> name.contains(ALICES_DATASET));
    assertThat(
            StudyServiceGrpc.newBlockingStub(bob)
                .listStudies(ListStudiesRequest.newBuilder().setPageSize(1000).build())
                .getStudiesList())
        .extracting(Study::getName)
        .doesNotContain(alicesStudy.getName());
  }

  @Test
  void bobIsDeniedRadiologysStudyAndItsComparison() {
    StatusRuntimeException study =
        failure(
            () ->
                StudyServiceGrpc.newBlockingStub(bob)
                    .getStudy(GetStudyRequest.newBuilder().setName(alicesStudy.getName()).build()));
    assertThat(study.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(GrpcErrors.errorInfo(study))
        .map(ErrorInfo::getReason)
        .contains("STUDY_ACCESS_DENIED");

    StatusRuntimeException comparison =
        failure(
            () ->
                EvaluationServiceGrpc.newBlockingStub(bob)
                    .compareStudy(
                        CompareStudyRequest.newBuilder().setStudy(alicesStudy.getName()).build()));
    assertThat(comparison.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void bobIsDeniedRadiologysDataset() {
    StatusRuntimeException dataset =
        failure(
            () ->
                DatasetServiceGrpc.newBlockingStub(bob)
                    .getDataset(GetDatasetRequest.newBuilder().setName(alicesDatasetName).build()));
    assertThat(dataset.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(GrpcErrors.errorInfo(dataset))
        .map(ErrorInfo::getReason)
        .contains("DATASET_ACCESS_DENIED");
  }

  @Test
  void theGatewayRefusesACallWithoutAToken() {
    ManagedChannel anonymous = system.channelWithoutToken(Component.GATEWAY);
    try {
      StatusRuntimeException refused =
          failure(
              () ->
                  StudyServiceGrpc.newBlockingStub(anonymous)
                      .getStudy(
                          GetStudyRequest.newBuilder().setName(alicesStudy.getName()).build()));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      anonymous.shutdownNow();
    }
  }

  @Test
  void datasetServiceRefusesAUsersTokenOnItsOwnPort() {
    ManagedChannel direct = system.channel(Component.DATASET_SERVICE, aliceToken);
    try {
      StatusRuntimeException refused =
          failure(() -> DatasetServiceGrpc.newBlockingStub(direct).listDatasets(listAll()));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      direct.shutdownNow();
    }
  }

  private static ListDatasetsRequest listAll() {
    return ListDatasetsRequest.newBuilder().setPageSize(1000).build();
  }

  private static List<String> names(List<Dataset> datasets) {
    return datasets.stream().map(Dataset::getName).toList();
  }

  private static StatusRuntimeException failure(ThrowingCallable call) {
    StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(error).as("the call fails with a gRPC status").isNotNull();
    return error;
  }
}
