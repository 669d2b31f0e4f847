package org.medxfer.dataset.api;

import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.medxfer.common.grpc.FieldViolation;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.dataset.domain.DatasetAccessDeniedException;
import org.medxfer.dataset.domain.DatasetNotFoundException;
import org.medxfer.dataset.domain.DatasetVersionNotFoundException;
import org.medxfer.dataset.domain.DependencyUnavailableException;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.Violation;

/**
 * The one place where failures become gRPC statuses: refusals are INVALID_ARGUMENT with field
 * violations, unknown resources NOT_FOUND, another project's data set PERMISSION_DENIED,
 * unreachable dependencies UNAVAILABLE, anything else INTERNAL without internals. Every status
 * carries an ErrorInfo whose reason clients branch on.
 */
final class DatasetErrorMapper {

  static final String DATASET_NOT_FOUND = "DATASET_NOT_FOUND";
  static final String DATASET_ACCESS_DENIED = "DATASET_ACCESS_DENIED";
  static final String DATASET_VERSION_NOT_FOUND = "DATASET_VERSION_NOT_FOUND";
  static final String DEPENDENCY_UNAVAILABLE = "DEPENDENCY_UNAVAILABLE";
  static final String INTERNAL = "INTERNAL";

  private static final Logger LOG = Logger.getLogger(DatasetErrorMapper.class);

  private DatasetErrorMapper() {}

  /** How one RPC names the fields of {@link Violation}s. */
  record FieldNames(String fileField, String headerPrefix) {

    /** ImportDataset: header fields are top-level, the file is {@code source_key}. */
    static final FieldNames IMPORT = new FieldNames("source_key", "");

    /**
     * UploadDataset: header fields sit under {@code header.}, the file arrives as {@code chunk}s.
     */
    static final FieldNames UPLOAD = new FieldNames("chunk", "header.");

    /** Queries, and malformed upload streams: fields are named as they are. */
    static final FieldNames AS_IS = new FieldNames("", "");

    String name(String field) {
      return Violation.FILE.equals(field) ? fileField : headerPrefix + field;
    }
  }

  static StatusRuntimeException toStatus(Throwable error, FieldNames fieldNames) {
    if (error instanceof StatusRuntimeException decided) {
      // Already a status, such as UNAUTHENTICATED for a call without a caller.
      return decided;
    }
    if (error instanceof InvalidRequestException invalid) {
      // A malformed stream names the stream's own fields (header, chunk), not the header's.
      FieldNames names =
          invalid.reason() == InvalidRequestException.Reason.INVALID_UPLOAD_STREAM
              ? FieldNames.AS_IS
              : fieldNames;
      List<FieldViolation> violations =
          invalid.violations().stream()
              .map(v -> new FieldViolation(names.name(v.field()), v.description()))
              .toList();
      return GrpcErrors.invalidArgument(invalid.reason().name(), invalid.getMessage(), violations);
    }
    if (error instanceof DatasetNotFoundException notFound) {
      return GrpcErrors.notFound(
          DATASET_NOT_FOUND, DatasetMapper.datasetName(notFound.datasetId()));
    }
    if (error instanceof DatasetAccessDeniedException denied) {
      String name = DatasetMapper.datasetName(denied.datasetId());
      return GrpcErrors.toException(
          GrpcErrors.status(
              Code.PERMISSION_DENIED,
              DATASET_ACCESS_DENIED,
              denied.getMessage(),
              Map.of("resource", name)));
    }
    if (error instanceof DatasetVersionNotFoundException notFound) {
      return GrpcErrors.notFound(
          DATASET_VERSION_NOT_FOUND,
          DatasetMapper.versionName(notFound.datasetId(), notFound.versionId()));
    }
    if (error instanceof DependencyUnavailableException unavailable) {
      LOG.warn(unavailable.getMessage(), unavailable);
      return GrpcErrors.toException(
          GrpcErrors.status(
              Code.UNAVAILABLE,
              DEPENDENCY_UNAVAILABLE,
              unavailable.getMessage() + "; retry later",
              Map.of()));
    }
    // The caller gets an id to quote, the log gets the details.
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(error, "internal error %s", errorId);
    return GrpcErrors.toException(
        GrpcErrors.status(
            Code.INTERNAL,
            INTERNAL,
            "internal error " + errorId + " in dataset-service",
            Map.of("error_id", errorId)));
  }
}
