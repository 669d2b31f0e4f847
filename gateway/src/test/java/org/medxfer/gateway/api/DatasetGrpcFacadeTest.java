package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.gateway.fixtures.GatewayCalls.await;
import static org.medxfer.gateway.fixtures.GatewayCalls.code;
import static org.medxfer.gateway.fixtures.GatewayCalls.errorOf;
import static org.medxfer.gateway.fixtures.GatewayCalls.reason;
import static org.medxfer.gateway.fixtures.GatewayCalls.violations;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.Caller;
import org.medxfer.gateway.fixtures.DatasetServiceDouble;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.StudyClient;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.gateway.infra.auth.PlatformCredentials;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.GetDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.dataset.v1.UploadDatasetRequest;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.testsupport.TestTokens;

/**
 * The gateway as the front door of DatasetService: it authenticates users and passes their calls on
 * to dataset-service (here {@link DatasetServiceDouble}) with a service token of their project.
 */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class DatasetGrpcFacadeTest {

  private static final DatasetServiceDouble DATASETS = GatewayInfraResource.DATASETS;

  @TestHTTPResource URL url;

  private ManagedChannel radiology;

  @BeforeEach
  void connect() {
    radiology = channel("radiology");
    DATASETS.callers.clear();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    radiology.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aCallWithoutATokenIsUnauthenticatedAndNeverReachesDatasetService()
      throws InterruptedException {
    ManagedChannel anonymous =
        ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
    try {
      DatasetServiceGrpc.DatasetServiceBlockingStub datasets =
          DatasetServiceGrpc.newBlockingStub(anonymous);
      assertThat(
              code(errorOf(() -> datasets.listDatasets(ListDatasetsRequest.getDefaultInstance()))))
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(
              code(
                  errorOf(
                      () ->
                          datasets.getDataset(
                              GetDatasetRequest.newBuilder().setName("datasets/x").build()))))
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(DATASETS.callers.calls()).isEmpty();
  }

  @Test
  void aCallIsPassedOnWithAServiceTokenOfTheCallersProject() {
    assertThat(
            DatasetServiceGrpc.newBlockingStub(radiology)
                .getDataset(GetDatasetRequest.newBuilder().setName("datasets/chest").build())
                .getName())
        .isEqualTo("datasets/chest");

    assertThat(DATASETS.callers.callersOf("GetDataset"))
        .containsExactly(new Caller(PlatformCredentials.SERVICE, "radiology"));
  }

  @Test
  void dataSetServicesErrorsPassThroughWithTheirDetails() {
    DatasetServiceGrpc.DatasetServiceBlockingStub datasets =
        DatasetServiceGrpc.newBlockingStub(radiology);

    StatusRuntimeException denied =
        errorOf(
            () ->
                datasets.getDataset(
                    GetDatasetRequest.newBuilder()
                        .setName(DatasetServiceDouble.DENIED_DATASET)
                        .build()));
    assertThat(code(denied)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(reason(denied)).isEqualTo("DATASET_ACCESS_DENIED");
    assertThat(denied.getStatus().getDescription())
        .isEqualTo("the caller's project may not access " + DatasetServiceDouble.DENIED_DATASET);

    StatusRuntimeException invalid =
        errorOf(
            () ->
                datasets.getDataset(
                    GetDatasetRequest.newBuilder()
                        .setName(DatasetServiceDouble.INVALID_DATASET)
                        .build()));
    assertThat(code(invalid)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(reason(invalid)).isEqualTo("INVALID_REQUEST");
    assertThat(violations(invalid)).containsEntry("name", "must be datasets/{dataset}");
  }

  @Test
  void anUploadOfSeveralMegabytesArrivesIntact() throws Exception {
    byte[] file = new byte[9 * 1024 * 1024 + 12345];
    new Random(7).nextBytes(file);
    CompletableFuture<ImportDatasetResponse> answer = new CompletableFuture<>();
    StreamObserver<UploadDatasetRequest> upload =
        DatasetServiceGrpc.newStub(radiology).uploadDataset(completing(answer));
    upload.onNext(
        UploadDatasetRequest.newBuilder()
            .setHeader(ImportDatasetRequest.newBuilder().setDatasetId("big-upload"))
            .build());
    int chunk = 1024 * 1024;
    for (int offset = 0; offset < file.length; offset += chunk) {
      upload.onNext(
          UploadDatasetRequest.newBuilder()
              .setChunk(ByteString.copyFrom(file, offset, Math.min(chunk, file.length - offset)))
              .build());
    }
    upload.onCompleted();

    ImportDatasetResponse response = answer.get(60, TimeUnit.SECONDS);
    assertThat(response.getDataset().getDisplayName()).isEqualTo(file.length + " bytes");
    assertThat(response.getVersion().getContentHash())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
    assertThat(DATASETS.callers.callersOf("UploadDataset"))
        .containsExactly(new Caller(PlatformCredentials.SERVICE, "radiology"));
  }

  @Test
  void aStalledDatasetServiceHoldsTheUploaderBackInsteadOfTheGatewayBuffering() throws Exception {
    long offered = 64L * 1024 * 1024;
    byte[] chunk = new byte[1024 * 1024];
    new Random(11).nextBytes(chunk);
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    long sentBytes = 0;
    CompletableFuture<ImportDatasetResponse> answer = new CompletableFuture<>();
    DATASETS.holdUploads();
    try {
      ClientCallStreamObserver<UploadDatasetRequest> upload =
          (ClientCallStreamObserver<UploadDatasetRequest>)
              DatasetServiceGrpc.newStub(radiology).uploadDataset(completing(answer));
      upload.onNext(
          UploadDatasetRequest.newBuilder()
              .setHeader(ImportDatasetRequest.newBuilder().setDatasetId("held-back"))
              .build());
      // Sends while the gateway lets it. HTTP/2 windows and the sockets' buffers hold some MiB on
      // the way (about 19 on a test machine); a gateway that buffered would take all 64.
      while (sentBytes < offered && readyWithin(upload, Duration.ofSeconds(2))) {
        upload.onNext(
            UploadDatasetRequest.newBuilder().setChunk(ByteString.copyFrom(chunk)).build());
        sent.update(chunk);
        sentBytes += chunk.length;
      }
      assertThat(sentBytes).isLessThan(32L * 1024 * 1024);

      DATASETS.resumeUploads();
      upload.onCompleted();
      ImportDatasetResponse response = answer.get(60, TimeUnit.SECONDS);
      assertThat(response.getDataset().getDisplayName()).isEqualTo(sentBytes + " bytes");
      assertThat(response.getVersion().getContentHash())
          .isEqualTo(HexFormat.of().formatHex(sent.digest()));
    } finally {
      DATASETS.resumeUploads();
    }
  }

  private static boolean readyWithin(ClientCallStreamObserver<?> call, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!call.isReady()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  @Test
  void aCancelledUploadCancelsTheUploadAtDatasetService() throws Exception {
    int before = DATASETS.cancelledUploads.get();
    CompletableFuture<ImportDatasetResponse> answer = new CompletableFuture<>();
    ClientCallStreamObserver<UploadDatasetRequest> upload =
        (ClientCallStreamObserver<UploadDatasetRequest>)
            DatasetServiceGrpc.newStub(radiology).uploadDataset(completing(answer));
    upload.onNext(
        UploadDatasetRequest.newBuilder()
            .setHeader(ImportDatasetRequest.newBuilder().setDatasetId("abandoned"))
            .build());
    upload.onNext(
        UploadDatasetRequest.newBuilder().setChunk(ByteString.copyFrom(new byte[1024])).build());
    await(
        () -> DATASETS.callers.callersOf("UploadDataset").size(),
        calls -> calls == 1,
        Duration.ofSeconds(10));

    upload.cancel("the user pressed ctrl-c", null);

    await(
        DATASETS.cancelledUploads::get,
        cancelled -> cancelled == before + 1,
        Duration.ofSeconds(10));
  }

  @Test
  void aStudyResolvesItsDataSetsWithATokenOfItsOwnProject() throws InterruptedException {
    try (StudyClient oncology = new StudyClient(url, "oncology")) {
      oncology
          .studies()
          .createStudy(
              CreateStudyRequest.newBuilder()
                  .setStudyFile(StudyFiles.MINIMAL)
                  .setValidateOnly(true)
                  .build());
    }
    assertThat(DATASETS.callers.callersOf("GetDatasetVersion"))
        .containsExactly(new Caller(PlatformCredentials.SERVICE, "oncology"));
  }

  private ManagedChannel channel(String project) {
    return ManagedChannelBuilder.forAddress(url.getHost(), url.getPort())
        .usePlaintext()
        .intercept(TestTokens.as(project))
        .build();
  }

  private static <T> StreamObserver<T> completing(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable error) {
        answer.completeExceptionally(error);
      }

      @Override
      public void onCompleted() {
        answer.completeExceptionally(new AssertionError("completed without an answer"));
      }
    };
  }
}
