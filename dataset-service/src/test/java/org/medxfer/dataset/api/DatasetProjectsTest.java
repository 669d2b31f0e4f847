package org.medxfer.dataset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.ErrorInfo;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.medxfer.common.grpc.BearerTokenAttacher;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.dataset.fixtures.DatasetInfraResource;
import org.medxfer.dataset.fixtures.Uploads;
import org.medxfer.proto.dataset.v1.Dataset;
import org.medxfer.proto.dataset.v1.DatasetCard;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc.DatasetServiceBlockingStub;
import org.medxfer.proto.dataset.v1.DatasetState;
import org.medxfer.proto.dataset.v1.GetDatasetRequest;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.dataset.v1.GetResolutionVariantRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.dataset.v1.ListDatasetsResponse;
import org.medxfer.proto.dataset.v1.TaskType;
import org.medxfer.testsupport.TestTokens;

/**
 * Who may call the service, and what each project sees: only the platform's service tokens get in,
 * and a caller acting for one project neither sees nor changes another project's data sets. Against
 * the real S3 server and PostgreSQL; the tests build on each other in order.
 */
@QuarkusTest
@QuarkusTestResource(value = DatasetInfraResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetProjectsTest extends DatasetServiceTestBase {

  private static final Path BREASTMNIST = Path.of("../data/medmnist/breastmnist.npz");

  // Unique per run, so that the tests hold whatever the database already has.
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String PROJECT_A = "alpha-" + RUN;
  private static final String PROJECT_B = "beta-" + RUN;
  private static final String FIRST_OF_A = "first-of-a-" + RUN;
  private static final String OF_B = "of-b-" + RUN;
  private static final String SECOND_OF_A = "second-of-a-" + RUN;

  @Test
  @Order(1)
  void aCallWithoutATokenIsUnauthenticatedButHealthStaysOpen() {
    assertUnauthenticated(
        () -> stub(connection).listDatasets(ListDatasetsRequest.getDefaultInstance()));
    assertUnauthenticated(
        () -> Uploads.upload(connection, header(FIRST_OF_A), new byte[] {1, 2, 3}));

    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(connection).check(HealthCheckRequest.getDefaultInstance());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  @Order(1)
  void aUsersTokenIsUnauthenticated() {
    Channel user = ClientInterceptors.intercept(connection, TestTokens.as(TestTokens.PROJECT));

    assertUnauthenticated(() -> stub(user).listDatasets(ListDatasetsRequest.getDefaultInstance()));
  }

  @Test
  @Order(1)
  void aServiceTokenSignedWithAnotherKeyIsUnauthenticated() {
    String forged =
        BearerTokens.issue(
            BearerTokens.newKeyPair().getPrivate(),
            "gateway",
            TestTokens.PROJECT,
            BearerTokens.INTERNAL_AUDIENCE,
            Instant.now().plus(Duration.ofHours(1)));
    Channel forger = ClientInterceptors.intercept(connection, new BearerTokenAttacher(forged));

    assertUnauthenticated(
        () -> stub(forger).listDatasets(ListDatasetsRequest.getDefaultInstance()));
  }

  @Test
  @Order(1)
  void aServiceTokenGetsIn() {
    assertThat(datasets.listDatasets(ListDatasetsRequest.getDefaultInstance())).isNotNull();
  }

  @Test
  @Order(2)
  void eachProjectImportsItsOwnDataSetsWithItsOwnRequestIds() throws Exception {
    // Request ids are each project's own: B's import with A's id is a new request of B's.
    String requestId = "import-" + RUN;
    ImportDatasetResponse first =
        Uploads.upload(
            actingFor(PROJECT_A), header(FIRST_OF_A).setRequestId(requestId), breastMnist());
    objectStore.put(uploadOf(PROJECT_B), breastMnist(), "application/zip");
    ImportDatasetResponse ofB =
        of(PROJECT_B)
            .importDataset(
                header(OF_B).setRequestId(requestId).setSourceKey(uploadOf(PROJECT_B)).build());
    ImportDatasetResponse second =
        Uploads.upload(actingFor(PROJECT_A), header(SECOND_OF_A), breastMnist());

    assertThat(first.getDataset().getName()).isEqualTo("datasets/" + FIRST_OF_A);
    assertThat(ofB.getDataset().getName()).isEqualTo("datasets/" + OF_B);
    assertThat(ofB.getAlreadyExisted()).isFalse();
    assertThat(second.getDataset().getName()).isEqualTo("datasets/" + SECOND_OF_A);
  }

  @Test
  @Order(3)
  void anotherProjectsDataSetIsDeniedAndAnUnknownOneIsNotFound() {
    DatasetServiceBlockingStub b = of(PROJECT_B);
    String name = "datasets/" + FIRST_OF_A;

    assertDenied(() -> b.getDataset(GetDatasetRequest.newBuilder().setName(name).build()), name);
    assertDenied(
        () ->
            b.getDatasetVersion(
                GetDatasetVersionRequest.newBuilder().setName(name + "/versions/latest").build()),
        name);
    assertDenied(
        () ->
            b.getResolutionVariant(
                GetResolutionVariantRequest.newBuilder()
                    .setVersion(name + "/versions/latest")
                    .setSize(14)
                    .build()),
        name);
    assertThatThrownBy(
            () -> b.getDataset(GetDatasetRequest.newBuilder().setName("datasets/nobody").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(
            of(PROJECT_A)
                .getDataset(GetDatasetRequest.newBuilder().setName(name).build())
                .getName())
        .isEqualTo(name);
  }

  @Test
  @Order(4)
  void anImportIntoAnotherProjectsDataSetIsDeniedAndChangesNothing() throws Exception {
    Dataset before =
        of(PROJECT_A)
            .getDataset(GetDatasetRequest.newBuilder().setName(nameOf(FIRST_OF_A)).build());
    // Other content than the data set holds, so that an import that got through would add a
    // version.
    byte[] other = Files.readAllBytes(Path.of("../data/medmnist/pneumoniamnist.npz"));
    objectStore.put(uploadOf(PROJECT_B) + ".other", other, "application/zip");

    assertDenied(
        () -> Uploads.upload(actingFor(PROJECT_B), header(FIRST_OF_A), other), nameOf(FIRST_OF_A));
    assertDenied(
        () ->
            of(PROJECT_B)
                .importDataset(
                    header(FIRST_OF_A).setSourceKey(uploadOf(PROJECT_B) + ".other").build()),
        nameOf(FIRST_OF_A));

    Dataset after =
        of(PROJECT_A)
            .getDataset(GetDatasetRequest.newBuilder().setName(nameOf(FIRST_OF_A)).build());
    assertThat(after).isEqualTo(before);
    assertThat(after.getState()).isEqualTo(DatasetState.DATASET_STATE_READY);
    assertThat(objectStore.list(nameOf(FIRST_OF_A) + "/")).hasSize(3);
    assertThat(
            Uploads.countRows(
                dataSource,
                "SELECT count(*) FROM datasets.versions WHERE dataset_id = ?",
                FIRST_OF_A))
        .isEqualTo(1);
    assertThat(
            Uploads.countRows(
                dataSource, "SELECT count(*) FROM datasets.datasets WHERE project = ?", PROJECT_B))
        .isEqualTo(1);
  }

  @Test
  @Order(5)
  void listsShowOnlyTheCallersProjectAcrossPages() {
    DatasetServiceBlockingStub a = of(PROJECT_A);
    ListDatasetsResponse firstPage =
        a.listDatasets(ListDatasetsRequest.newBuilder().setPageSize(1).build());
    ListDatasetsResponse secondPage =
        a.listDatasets(
            ListDatasetsRequest.newBuilder()
                .setPageSize(1)
                .setPageToken(firstPage.getNextPageToken())
                .build());
    ListDatasetsResponse ofB = of(PROJECT_B).listDatasets(ListDatasetsRequest.getDefaultInstance());

    // The data set of B was imported between A's two: a page of A must step over it.
    assertThat(firstPage.getDatasetsList())
        .extracting(Dataset::getName)
        .containsExactly(nameOf(SECOND_OF_A));
    assertThat(secondPage.getDatasetsList())
        .extracting(Dataset::getName)
        .containsExactly(nameOf(FIRST_OF_A));
    assertThat(secondPage.getNextPageToken()).isEmpty();
    assertThat(ofB.getDatasetsList()).extracting(Dataset::getName).containsExactly(nameOf(OF_B));
    assertThat(ofB.getNextPageToken()).isEmpty();
  }

  @Test
  @Order(6)
  void aSourceKeyOutsideTheCallersUploadsIsRefusedAndWritesNothing() throws Exception {
    String refused = "refused-" + RUN;
    for (String key : new String[] {uploadOf(PROJECT_B), nameOf(OF_B) + "/versions"}) {
      assertThatThrownBy(
              () -> of(PROJECT_A).importDataset(header(refused).setSourceKey(key).build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(GrpcErrors.fieldViolations(e))
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.getField()).isEqualTo("source_key");
                          assertThat(v.getDescription()).contains("uploads/" + PROJECT_A + "/");
                        });
              });
    }

    assertThat(objectStore.list(nameOf(refused) + "/")).isEmpty();
    assertThat(
            Uploads.countRows(
                dataSource, "SELECT count(*) FROM datasets.datasets WHERE dataset_id = ?", refused))
        .isZero();
  }

  // --- helpers

  private DatasetServiceBlockingStub of(String project) {
    return stub(actingFor(project));
  }

  private static DatasetServiceBlockingStub stub(Channel channel) {
    return DatasetServiceGrpc.newBlockingStub(channel);
  }

  private static String uploadOf(String project) {
    return "uploads/" + project + "/breastmnist.npz";
  }

  private static String nameOf(String datasetId) {
    return "datasets/" + datasetId;
  }

  private static void assertUnauthenticated(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  private static void assertDenied(ThrowingCallable call, String name) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              ErrorInfo info = GrpcErrors.errorInfo(e).orElseThrow();
              assertThat(info.getReason()).isEqualTo("DATASET_ACCESS_DENIED");
              assertThat(info.getMetadataMap()).containsEntry("resource", name);
            });
  }

  private static ImportDatasetRequest.Builder header(String datasetId) {
    return ImportDatasetRequest.newBuilder()
        .setDatasetId(datasetId)
        .setFormat(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ)
        .setCard(
            DatasetCard.newBuilder()
                .setModality("ultrasound")
                .setTaskType(TaskType.TASK_TYPE_BINARY)
                .addClassNames("malignant")
                .addClassNames("normal_or_benign"));
  }

  private static byte[] breastMnist() throws Exception {
    return Files.readAllBytes(BREASTMNIST);
  }
}
