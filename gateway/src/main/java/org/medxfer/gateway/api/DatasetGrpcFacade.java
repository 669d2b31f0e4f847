package org.medxfer.gateway.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import org.medxfer.common.grpc.Caller;
import org.medxfer.gateway.infra.datasets.DatasetApiClient;
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
 * {@code medxfer.dataset.v1.DatasetService} at the gateway, the platform's one public entry point:
 * the caller is authenticated (GatewayAuthentication) and every call is passed on to
 * dataset-service acting for the caller's project, which scopes data sets by project itself.
 * Nothing here blocks (no database), so calls stay on the I/O threads and an upload streams through
 * without a worker thread per upload.
 */
@GrpcService
public class DatasetGrpcFacade extends DatasetServiceGrpc.DatasetServiceImplBase {

  private final DatasetApiClient datasets;

  public DatasetGrpcFacade(DatasetApiClient datasets) {
    this.datasets = datasets;
  }

  @Override
  public void importDataset(
      ImportDatasetRequest request, StreamObserver<ImportDatasetResponse> response) {
    datasets.importDataset(request, Caller.current().project(), response);
  }

  @Override
  public StreamObserver<UploadDatasetRequest> uploadDataset(
      StreamObserver<ImportDatasetResponse> response) {
    return datasets.uploadDataset(
        Caller.current().project(), (ServerCallStreamObserver<ImportDatasetResponse>) response);
  }

  @Override
  public void getDataset(GetDatasetRequest request, StreamObserver<Dataset> response) {
    datasets.getDataset(request, Caller.current().project(), response);
  }

  @Override
  public void listDatasets(
      ListDatasetsRequest request, StreamObserver<ListDatasetsResponse> response) {
    datasets.listDatasets(request, Caller.current().project(), response);
  }

  @Override
  public void getDatasetVersion(
      GetDatasetVersionRequest request, StreamObserver<DatasetVersion> response) {
    datasets.getDatasetVersion(request, Caller.current().project(), response);
  }

  @Override
  public void getResolutionVariant(
      GetResolutionVariantRequest request, StreamObserver<ResolutionVariant> response) {
    datasets.getResolutionVariant(request, Caller.current().project(), response);
  }
}
