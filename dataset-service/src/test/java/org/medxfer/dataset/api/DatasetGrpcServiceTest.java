package org.medxfer.dataset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.rpc.BadRequest;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.dataset.fixtures.DatasetInfraResource;
import org.medxfer.dataset.fixtures.Uploads;
import org.medxfer.proto.dataset.v1.Dataset;
import org.medxfer.proto.dataset.v1.DatasetCard;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.DatasetState;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.GetDatasetRequest;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.dataset.v1.ListDatasetsResponse;
import org.medxfer.proto.dataset.v1.Split;
import org.medxfer.proto.dataset.v1.SplitInfo;
import org.medxfer.proto.dataset.v1.TaskType;
import org.medxfer.proto.dataset.v1.UploadDatasetRequest;

/**
 * The service over a real gRPC channel, against a real S3 server and PostgreSQL, with the real
 * BreastMNIST file. The tests build on each other in order, like a user's session.
 */
@QuarkusTest
@QuarkusTestResource(value = DatasetInfraResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetGrpcServiceTest extends DatasetServiceTestBase {

  private static final Path BREASTMNIST = Path.of("../data/medmnist/breastmnist.npz");

  @Test
  @Order(1)
  void uploadsBreastMnistAsAVersionWithItsCountsAndCard() throws Exception {
    ImportDatasetResponse response = upload(header("breastmnist", ""), breastMnist());

    assertThat(response.getAlreadyExisted()).isFalse();
    DatasetVersion version = response.getVersion();
    assertThat(version.getName()).matches("datasets/breastmnist/versions/[0-9a-f]{16}");
    assertThat(version.getName()).endsWith("/" + version.getContentHash().substring(0, 16));
    assertThat(version.getSplitsList())
        .extracting(SplitInfo::getSplit, SplitInfo::getCount)
        .containsExactly(
            tuple(Split.SPLIT_TRAIN, 546L),
            tuple(Split.SPLIT_VAL, 78L),
            tuple(Split.SPLIT_TEST, 156L));
    assertThat(version.getSplits(0).getClassCountsList()).containsExactly(147L, 399L);
    Map<String, LabeledImages> npz = readNpz(breastMnist());
    assertThat(version.getSplits(1).getClassCountsList())
        .containsExactlyElementsOf(classCounts(npz.get("val")));
    assertThat(version.getSplits(2).getClassCountsList())
        .containsExactlyElementsOf(classCounts(npz.get("test")));
    assertThat(version.getImageShape().getHeight()).isEqualTo(28);
    assertThat(version.getImageShape().getWidth()).isEqualTo(28);
    assertThat(version.getImageShape().getChannels()).isEqualTo(1);
    assertThat(version.getCard()).isEqualTo(breastMnistCard());

    Dataset dataset = response.getDataset();
    assertThat(dataset.getName()).isEqualTo("datasets/breastmnist");
    assertThat(dataset.getDisplayName()).isEqualTo("BreastMNIST");
    assertThat(dataset.getState()).isEqualTo(DatasetState.DATASET_STATE_READY);
    assertThat(dataset.getLatestVersion()).isEqualTo(version.getName());
  }

  @Test
  @Order(2)
  void theStoredShardsHoldExactlyTheFilesContent() throws Exception {
    DatasetVersion version =
        datasets.getDatasetVersion(
            GetDatasetVersionRequest.newBuilder()
                .setName("datasets/breastmnist/versions/latest")
                .build());
    Map<String, LabeledImages> npz = readNpz(breastMnist());

    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (SplitInfo split : version.getSplitsList()) {
      String key = split.getShardKey();
      String splitName = split.getSplit().name().substring("SPLIT_".length()).toLowerCase();
      assertThat(key)
          .isEqualTo(
              "datasets/breastmnist/versions/%s/%s.shard"
                  .formatted(version.getContentHash().substring(0, 16), splitName));
      byte[] shard = objectStore.get(key);
      sha256.update(shard);
      assertThat(ImageShardCodec.read(new ByteArrayInputStream(shard), key))
          .isEqualTo(npz.get(splitName));
    }
    assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(version.getContentHash());
  }

  @Test
  @Order(3)
  void uploadingTheSameContentAgainReturnsTheExistingVersionAndStoresNothing() throws Exception {
    List<String> objectsBefore = objectStore.list("datasets/breastmnist/");
    String latest = datasets.getDataset(dataset("breastmnist")).getLatestVersion();

    ImportDatasetResponse again = upload(header("breastmnist", ""), breastMnist());

    assertThat(again.getAlreadyExisted()).isTrue();
    assertThat(again.getVersion().getName()).isEqualTo(latest);
    assertThat(objectStore.list("datasets/breastmnist/")).isEqualTo(objectsBefore).hasSize(3);
    assertThat(
            countRows("SELECT count(*) FROM datasets.versions WHERE dataset_id = ?", "breastmnist"))
        .isEqualTo(1);
  }

  @Test
  @Order(4)
  void aTruncatedFileIsRefusedByNameAndLeavesNoObjectsAndNoRows() throws Exception {
    byte[] whole = breastMnist();
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(
            () ->
                upload(
                    header("breastmnist-truncated", "").setFileName("breastmnist-truncated.npz"),
                    truncated))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .startsWith("breastmnist-truncated.npz")
                  .contains("truncated");
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("CORRUPT_FILE");
              assertThat(GrpcErrors.fieldViolations(e))
                  .extracting(BadRequest.FieldViolation::getField)
                  .containsExactly("chunk");
            });

    assertThat(objectStore.list("datasets/breastmnist-truncated/")).isEmpty();
    for (String table :
        List.of(
            "datasets.datasets",
            "datasets.versions",
            "datasets.splits",
            "datasets.import_requests")) {
      assertThat(
              countRows(
                  "SELECT count(*) FROM " + table + " WHERE dataset_id = ?",
                  "breastmnist-truncated"))
          .as(table)
          .isZero();
    }
  }

  @Test
  @Order(5)
  void aRefusedImportMarksAnExistingDatasetFailedUntilTheNextGoodOne() throws Exception {
    byte[] whole = breastMnist();
    assertThatThrownBy(
            () ->
                upload(
                    header("breastmnist", "").setFileName("broken.npz"),
                    Arrays.copyOf(whole, 1000)))
        .isInstanceOf(StatusRuntimeException.class);

    Dataset failed = datasets.getDataset(dataset("breastmnist"));
    assertThat(failed.getState()).isEqualTo(DatasetState.DATASET_STATE_FAILED);
    assertThat(failed.getError().getMessage()).startsWith("broken.npz");
    assertThat(failed.getLatestVersion()).matches("datasets/breastmnist/versions/[0-9a-f]{16}");

    upload(header("breastmnist", ""), whole);

    Dataset recovered = datasets.getDataset(dataset("breastmnist"));
    assertThat(recovered.getState()).isEqualTo(DatasetState.DATASET_STATE_READY);
    assertThat(recovered.hasError()).isFalse();
  }

  @Test
  @Order(6)
  void importsAFileAlreadyInTheObjectStoreAndRetriesByRequestIdGiveTheFirstResult()
      throws Exception {
    objectStore.put("uploads/default/breastmnist.npz", breastMnist(), "application/zip");
    ImportDatasetRequest request =
        header("breastmnist-copy", "import-1")
            .setSourceKey("uploads/default/breastmnist.npz")
            .build();

    ImportDatasetResponse first = datasets.importDataset(request);
    ImportDatasetResponse retry = datasets.importDataset(request);
    ImportDatasetResponse another =
        datasets.importDataset(request.toBuilder().setRequestId("import-2").build());

    assertThat(first.getAlreadyExisted()).isFalse();
    assertThat(first.getVersion().getName()).startsWith("datasets/breastmnist-copy/versions/");
    assertThat(retry).isEqualTo(first);
    assertThat(another.getAlreadyExisted()).isTrue();
    assertThat(another.getVersion()).isEqualTo(first.getVersion());
    String breastmnistLatest = datasets.getDataset(dataset("breastmnist")).getLatestVersion();
    assertThat(first.getVersion().getContentHash())
        .isEqualTo(
            datasets
                .getDatasetVersion(
                    GetDatasetVersionRequest.newBuilder().setName(breastmnistLatest).build())
                .getContentHash());
  }

  @Test
  @Order(7)
  void listsDatasetsNewestFirstAcrossPages() {
    ListDatasetsResponse first =
        datasets.listDatasets(ListDatasetsRequest.newBuilder().setPageSize(1).build());
    ListDatasetsResponse second =
        datasets.listDatasets(
            ListDatasetsRequest.newBuilder()
                .setPageSize(1)
                .setPageToken(first.getNextPageToken())
                .build());

    assertThat(first.getDatasetsList())
        .extracting(Dataset::getName)
        .containsExactly("datasets/breastmnist-copy");
    assertThat(second.getDatasetsList())
        .extracting(Dataset::getName)
        .containsExactly("datasets/breastmnist");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  @Order(8)
  void unknownDatasetsAndVersionsAreNotFoundByName() {
    assertThatThrownBy(() -> datasets.getDataset(dataset("chestmnist")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("datasets/chestmnist");
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("DATASET_NOT_FOUND");
            });
    assertThatThrownBy(
            () ->
                datasets.getDatasetVersion(
                    GetDatasetVersionRequest.newBuilder()
                        .setName("datasets/chestmnist/versions/latest")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                    .isEqualTo("DATASET_NOT_FOUND"));
    assertThatThrownBy(
            () ->
                datasets.getDatasetVersion(
                    GetDatasetVersionRequest.newBuilder()
                        .setName("datasets/breastmnist/versions/0000000000000000")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .contains("datasets/breastmnist/versions/0000000000000000");
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("DATASET_VERSION_NOT_FOUND");
            });
  }

  @Test
  @Order(9)
  void aBadHeaderIsRefusedWithAViolationPerFieldBeforeTheFileIsRead() {
    ImportDatasetRequest.Builder header =
        header("Breast_MNIST", "").setCard(breastMnistCard().toBuilder().clearClassNames().build());

    assertThatThrownBy(() -> upload(header, new byte[] {1, 2, 3}))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("INVALID_IMPORT_REQUEST");
              assertThat(GrpcErrors.fieldViolations(e))
                  .extracting(BadRequest.FieldViolation::getField)
                  .containsExactly("header.dataset_id", "header.card.class_names");
            });
  }

  @Test
  @Order(10)
  void aStreamThatDoesNotStartWithTheHeaderIsRefused() {
    assertThatThrownBy(() -> send(List.of(chunk(new byte[] {1}))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("INVALID_UPLOAD_STREAM");
              assertThat(GrpcErrors.fieldViolations(e))
                  .extracting(BadRequest.FieldViolation::getField)
                  .containsExactly("header");
            });
  }

  @Test
  @Order(11)
  void concurrentUploadsOfTheSameContentMakeOneVersion() throws Exception {
    byte[] file = breastMnist();
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try {
      Future<ImportDatasetResponse> first =
          clients.submit(() -> upload(header("breastmnist-race", ""), file));
      Future<ImportDatasetResponse> second =
          clients.submit(() -> upload(header("breastmnist-race", ""), file));

      List<ImportDatasetResponse> responses =
          List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
      assertThat(responses)
          .extracting(ImportDatasetResponse::getAlreadyExisted)
          .containsExactlyInAnyOrder(false, true);
      assertThat(responses.get(0).getVersion()).isEqualTo(responses.get(1).getVersion());
    } finally {
      clients.shutdownNow();
    }
    assertThat(objectStore.list("datasets/breastmnist-race/")).hasSize(3);
  }

  @Test
  @Order(12)
  void reportsHealthAndDescribesItselfByReflection() throws Exception {
    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(channel)
            .check(
                HealthCheckRequest.newBuilder()
                    .setService(DatasetServiceGrpc.SERVICE_NAME)
                    .build());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    HttpResponse<String> ready =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(serviceUrl.toURI().resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("object-store").contains("\"status\": \"UP\"");

    CompletableFuture<ServerReflectionResponse> reflection = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    reflection.complete(response);
                  }

                  @Override
                  public void onError(Throwable error) {
                    reflection.completeExceptionally(error);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    assertThat(reflection.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName)
        .contains(DatasetServiceGrpc.SERVICE_NAME);
  }

  @Test
  @Order(13)
  void acceptsChunksOfTheFullFourMebibytes() {
    List<UploadDatasetRequest> messages =
        List.of(
            UploadDatasetRequest.newBuilder()
                .setHeader(header("zeros", "").setFileName("zeros.npz"))
                .build(),
            chunk(new byte[UploadRequestObserver.MAX_CHUNK_BYTES]));

    // The chunk reaches the reader (which refuses the zeros), not a message size limit.
    assertThatThrownBy(() -> send(messages))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("CORRUPT_FILE");
              assertThat(e.getStatus().getDescription()).startsWith("zeros.npz");
            });
  }

  @ParameterizedTest
  @Order(14)
  @ValueSource(
      strings = {
        "../datasets/breastmnist/train.shard",
        "/uploads/default/breastmnist.npz",
        "uploads/default/../other/breastmnist.npz"
      })
  void aSourceKeyThatEscapesItsPrefixIsRefusedNamingTheField(String key) {
    ImportDatasetRequest request = header("escape", "").setSourceKey(key).build();

    assertThatThrownBy(() -> datasets.importDataset(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.fieldViolations(e))
                  .singleElement()
                  .satisfies(v -> assertThat(v.getField()).isEqualTo("source_key"));
            });
  }

  @Test
  @Order(14)
  void anImportOfAMissingObjectNamesTheSourceKey() {
    ImportDatasetRequest request =
        header("missing", "").setSourceKey("uploads/default/no-such-file.npz").build();

    assertThatThrownBy(() -> datasets.importDataset(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason())
                  .isEqualTo("SOURCE_NOT_FOUND");
              assertThat(GrpcErrors.fieldViolations(e))
                  .singleElement()
                  .satisfies(
                      v -> {
                        assertThat(v.getField()).isEqualTo("source_key");
                        assertThat(v.getDescription()).contains("uploads/default/no-such-file.npz");
                      });
            });
  }

  // --- helpers

  private static DatasetCard breastMnistCard() {
    return DatasetCard.newBuilder()
        .setModality("ultrasound")
        .setTaskType(TaskType.TASK_TYPE_BINARY)
        .addAllClassNames(List.of("malignant", "normal_or_benign"))
        .setLicense("CC BY 4.0")
        .setSource(
            "MedMNIST v2 (Yang et al., Scientific Data 10, 41, 2023); images from BUSI"
                + " (Al-Dhabyani et al., Data in Brief 28, 104863, 2020)")
        .build();
  }

  private static ImportDatasetRequest.Builder header(String datasetId, String requestId) {
    return ImportDatasetRequest.newBuilder()
        .setDatasetId(datasetId)
        .setRequestId(requestId)
        .setFormat(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ)
        .setDisplayName("BreastMNIST")
        .setCard(breastMnistCard());
  }

  private static GetDatasetRequest dataset(String id) {
    return GetDatasetRequest.newBuilder().setName("datasets/" + id).build();
  }

  private static byte[] breastMnist() throws Exception {
    return Files.readAllBytes(BREASTMNIST);
  }

  private static Map<String, LabeledImages> readNpz(byte[] file) {
    return MedMnistNpz.read(new ByteArrayInputStream(file), "breastmnist.npz");
  }

  private static List<Long> classCounts(LabeledImages images) {
    return Arrays.stream(images.classCounts(2)).boxed().toList();
  }

  private static UploadDatasetRequest chunk(byte[] bytes) {
    return Uploads.chunk(bytes);
  }

  private ImportDatasetResponse upload(ImportDatasetRequest.Builder header, byte[] file)
      throws Exception {
    return Uploads.upload(channel, header, file);
  }

  private ImportDatasetResponse send(List<UploadDatasetRequest> messages) throws Exception {
    return Uploads.send(channel, messages);
  }

  private long countRows(String sql, String datasetId) throws Exception {
    return Uploads.countRows(dataSource, sql, datasetId);
  }
}
