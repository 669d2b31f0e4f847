package org.medxfer.dataset.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.function.Function;
import org.medxfer.common.grpc.Caller;
import org.medxfer.dataset.api.DatasetErrorMapper.FieldNames;
import org.medxfer.dataset.app.GetDataset;
import org.medxfer.dataset.app.GetDatasetVersion;
import org.medxfer.dataset.app.GetResolutionVariant;
import org.medxfer.dataset.app.ImportDataset;
import org.medxfer.dataset.app.ListDatasets;
import org.medxfer.dataset.domain.DatasetPage;
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
 * {@code medxfer.dataset.v1.DatasetService}. Every method touches the database or the object store,
 * so every method runs on a worker thread. Every call acts for the project of its caller (the
 * platform's service token): it sees and changes only that project's data sets.
 */
@GrpcService
public class DatasetGrpcService extends DatasetServiceGrpc.DatasetServiceImplBase {

  private final ImportDataset importDataset;
  private final GetDataset getDataset;
  private final ListDatasets listDatasets;
  private final GetDatasetVersion getDatasetVersion;
  private final GetResolutionVariant getResolutionVariant;

  public DatasetGrpcService(
      ImportDataset importDataset,
      GetDataset getDataset,
      ListDatasets listDatasets,
      GetDatasetVersion getDatasetVersion,
      GetResolutionVariant getResolutionVariant) {
    this.importDataset = importDataset;
    this.getDataset = getDataset;
    this.listDatasets = listDatasets;
    this.getDatasetVersion = getDatasetVersion;
    this.getResolutionVariant = getResolutionVariant;
  }

  @Override
  @Blocking
  public void importDataset(
      ImportDatasetRequest request, StreamObserver<ImportDatasetResponse> responses) {
    respond(
        responses,
        FieldNames.IMPORT,
        project ->
            DatasetMapper.toProto(
                importDataset.importObject(
                    project, DatasetMapper.toImportRequest(request), request.getSourceKey())));
  }

  @Override
  @Blocking
  public StreamObserver<UploadDatasetRequest> uploadDataset(
      StreamObserver<ImportDatasetResponse> responses) {
    return new UploadRequestObserver(
        importDataset, Caller.current().project(), responses, DatasetMapper::toProto);
  }

  @Override
  @Blocking
  public void getDataset(GetDatasetRequest request, StreamObserver<Dataset> responses) {
    respond(
        responses,
        FieldNames.AS_IS,
        project ->
            DatasetMapper.toProto(
                getDataset.get(project, DatasetMapper.parseDatasetName(request.getName()))));
  }

  @Override
  @Blocking
  public void listDatasets(
      ListDatasetsRequest request, StreamObserver<ListDatasetsResponse> responses) {
    respond(
        responses,
        FieldNames.AS_IS,
        project -> {
          DatasetPage page =
              listDatasets.list(
                  project,
                  request.getPageSize(),
                  DatasetMapper.fromPageToken(request.getPageToken()));
          ListDatasetsResponse.Builder response = ListDatasetsResponse.newBuilder();
          page.datasets().forEach(dataset -> response.addDatasets(DatasetMapper.toProto(dataset)));
          page.next().ifPresent(next -> response.setNextPageToken(DatasetMapper.toPageToken(next)));
          return response.build();
        });
  }

  @Override
  @Blocking
  public void getDatasetVersion(
      GetDatasetVersionRequest request, StreamObserver<DatasetVersion> responses) {
    respond(
        responses,
        FieldNames.AS_IS,
        project -> {
          DatasetMapper.VersionRef ref = DatasetMapper.parseVersionName(request.getName());
          return DatasetMapper.toProto(
              getDatasetVersion.get(project, ref.datasetId(), ref.versionId()));
        });
  }

  @Override
  @Blocking
  public void getResolutionVariant(
      GetResolutionVariantRequest request, StreamObserver<ResolutionVariant> responses) {
    respond(
        responses,
        FieldNames.AS_IS,
        project -> {
          DatasetMapper.VersionRef ref = DatasetMapper.parseVersionName(request.getVersion());
          return DatasetMapper.toProto(
              getResolutionVariant.get(
                  project, ref.datasetId(), ref.versionId(), request.getSize()));
        });
  }

  /** Answers with what {@code call} returns for the caller's project, or with the mapped error. */
  private static <T> void respond(
      StreamObserver<T> responses, FieldNames fieldNames, Function<String, T> call) {
    T response;
    try {
      response = call.apply(Caller.current().project());
    } catch (RuntimeException e) {
      responses.onError(DatasetErrorMapper.toStatus(e, fieldNames));
      return;
    }
    responses.onNext(response);
    responses.onCompleted();
  }
}
