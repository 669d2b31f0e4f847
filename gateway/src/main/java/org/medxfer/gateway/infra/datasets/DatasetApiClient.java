package org.medxfer.gateway.infra.datasets;

import io.grpc.Channel;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.DependencyUnavailableException;
import org.medxfer.gateway.infra.auth.PlatformCredentials;
import org.medxfer.gateway.infra.grpc.Upstream;
import org.medxfer.proto.dataset.v1.Dataset;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.GetDatasetRequest;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.dataset.v1.GetResolutionVariantRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.dataset.v1.ListDatasetsResponse;
import org.medxfer.proto.dataset.v1.ResolutionVariant;
import org.medxfer.proto.dataset.v1.UploadDatasetRequest;

/**
 * dataset-service's API as the gateway passes it on for its callers: each call acts for the
 * caller's project (a service token of that project), which is how dataset-service keeps one
 * project's data sets from another's. Answers and errors come back unchanged ({@link Upstream}).
 */
@ApplicationScoped
public class DatasetApiClient {

  private static final Upstream DATASET_SERVICE =
      new Upstream("dataset-service", DependencyUnavailableException.DATASET_SERVICE_UNAVAILABLE);

  private final DatasetServiceGrpc.DatasetServiceStub datasets;
  private final PlatformCredentials credentials;
  private final GatewayConfig config;

  public DatasetApiClient(
      @GrpcClient("datasets") Channel channel,
      PlatformCredentials credentials,
      GatewayConfig config) {
    // Quarkus injects only blocking and Mutiny stubs; the async stub rides on the same channel.
    this.datasets = DatasetServiceGrpc.newStub(channel);
    this.credentials = credentials;
    this.config = config;
  }

  public void importDataset(
      ImportDatasetRequest request, String project, StreamObserver<ImportDatasetResponse> answer) {
    importing(project).importDataset(request, DATASET_SERVICE.answerTo(answer));
  }

  /** Opens the upload upstream; the returned observer takes the caller's messages. */
  public StreamObserver<UploadDatasetRequest> uploadDataset(
      String project, ServerCallStreamObserver<ImportDatasetResponse> answer) {
    return DATASET_SERVICE.relayClientStream(
        answer, upstreamAnswer -> importing(project).uploadDataset(upstreamAnswer));
  }

  public void getDataset(
      GetDatasetRequest request, String project, StreamObserver<Dataset> answer) {
    lookingUp(project).getDataset(request, DATASET_SERVICE.answerTo(answer));
  }

  public void listDatasets(
      ListDatasetsRequest request, String project, StreamObserver<ListDatasetsResponse> answer) {
    lookingUp(project).listDatasets(request, DATASET_SERVICE.answerTo(answer));
  }

  public void getDatasetVersion(
      GetDatasetVersionRequest request, String project, StreamObserver<DatasetVersion> answer) {
    lookingUp(project).getDatasetVersion(request, DATASET_SERVICE.answerTo(answer));
  }

  public void getResolutionVariant(
      GetResolutionVariantRequest request,
      String project,
      StreamObserver<ResolutionVariant> answer) {
    importing(project).getResolutionVariant(request, DATASET_SERVICE.answerTo(answer));
  }

  private DatasetServiceGrpc.DatasetServiceStub lookingUp(String project) {
    return stub(project, config.datasets().deadline());
  }

  private DatasetServiceGrpc.DatasetServiceStub importing(String project) {
    return stub(project, config.datasets().importDeadline());
  }

  private DatasetServiceGrpc.DatasetServiceStub stub(String project, Duration deadline) {
    return credentials
        .actingFor(datasets, project)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }
}
