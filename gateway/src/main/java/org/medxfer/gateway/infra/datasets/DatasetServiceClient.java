package org.medxfer.gateway.infra.datasets;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.medxfer.gateway.api.TrialMapper;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.domain.DataLocation;
import org.medxfer.gateway.domain.DatasetCatalog;
import org.medxfer.gateway.domain.DatasetLookup;
import org.medxfer.gateway.domain.DatasetRef;
import org.medxfer.gateway.domain.DependencyUnavailableException;
import org.medxfer.gateway.infra.auth.PlatformCredentials;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.dataset.v1.SplitInfo;

/**
 * The data set catalogue as dataset-service serves it, asked with a service token of the project
 * the study is created for, so that a study resolves only its own project's data sets.
 */
@ApplicationScoped
public class DatasetServiceClient implements DatasetCatalog {

  @Inject
  @GrpcClient("datasets")
  DatasetServiceGrpc.DatasetServiceBlockingStub datasets;

  @Inject GatewayConfig config;

  @Inject PlatformCredentials credentials;

  @Override
  public DatasetLookup version(DatasetRef ref, String project) {
    String datasetId = ref.id();
    DatasetVersion version;
    try {
      version =
          credentials
              .actingFor(datasets, project)
              .withDeadlineAfter(config.datasets().deadline().toMillis(), TimeUnit.MILLISECONDS)
              .getDatasetVersion(
                  GetDatasetVersionRequest.newBuilder()
                      .setName("datasets/" + datasetId + "/versions/" + ref.version())
                      .build());
    } catch (StatusRuntimeException e) {
      return switch (e.getStatus().getCode()) {
        case NOT_FOUND -> new DatasetLookup.NotFound();
        case PERMISSION_DENIED -> new DatasetLookup.Denied();
        case FAILED_PRECONDITION -> new DatasetLookup.NotReady(e.getStatus().getDescription());
        default ->
            throw new DependencyUnavailableException(
                DependencyUnavailableException.DATASET_SERVICE_UNAVAILABLE,
                "dataset-service did not resolve data set '"
                    + datasetId
                    + "': "
                    + e.getStatus().getCode(),
                e);
      };
    }
    return new DatasetLookup.Found(toLocation(version));
  }

  static DataLocation toLocation(DatasetVersion version) {
    String train = "";
    String val = "";
    String test = "";
    int classesCounted = 0;
    for (SplitInfo split : version.getSplitsList()) {
      classesCounted = Math.max(classesCounted, split.getClassCountsCount());
      switch (split.getSplit()) {
        case SPLIT_TRAIN -> train = split.getShardKey();
        case SPLIT_VAL -> val = split.getShardKey();
        case SPLIT_TEST -> test = split.getShardKey();
        default -> {
          // A split this gateway does not know is not one a trial reads.
        }
      }
    }
    int classNames = version.getCard().getClassNamesCount();
    return new DataLocation(
        version.getName(),
        TrialMapper.toDomain(version.getCard().getTaskType()),
        Math.max(classNames, classesCounted),
        version.getCard().getClassNamesList(),
        version.getImageShape().getHeight(),
        version.getImageShape().getWidth(),
        version.getImageShape().getChannels(),
        train,
        val,
        test);
  }
}
