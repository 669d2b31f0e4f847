package org.medxfer.evaluator.api;

import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.jboss.logging.Logger;
import org.medxfer.common.grpc.FieldViolation;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.evaluator.domain.DependencyUnavailableException;
import org.medxfer.evaluator.domain.InvalidPredictionsException;
import org.medxfer.evaluator.domain.InvalidRequestException;
import org.medxfer.evaluator.domain.TrialMetricsNotFoundException;

/**
 * The one place where exceptions become gRPC statuses, each with an {@code ErrorInfo} whose reason
 * clients branch on.
 */
final class ErrorStatusMapper {

  /** ErrorInfo reason: a request field is malformed (details in the field violations). */
  static final String INVALID_REQUEST = "INVALID_REQUEST";

  /** ErrorInfo reason: no attempt of the trial has metrics. */
  static final String TRIAL_METRICS_NOT_FOUND = "TRIAL_METRICS_NOT_FOUND";

  /** ErrorInfo reason: PostgreSQL or the object store did not answer; retry later. */
  static final String DEPENDENCY_UNAVAILABLE = "DEPENDENCY_UNAVAILABLE";

  /**
   * ErrorInfo reason: a report needs a paired comparison the stored predictions do not allow (arms
   * on different test sets, a test set too small for a bootstrap interval); the message says which.
   */
  static final String PREDICTIONS_NOT_COMPARABLE = "PREDICTIONS_NOT_COMPARABLE";

  /** ErrorInfo reason: anything else; details are logged, never sent. */
  static final String INTERNAL = "INTERNAL";

  private static final Logger LOG = Logger.getLogger(ErrorStatusMapper.class);

  private ErrorStatusMapper() {}

  static StatusRuntimeException toStatus(Throwable error) {
    if (error instanceof StatusRuntimeException status) {
      return status;
    }
    if (error instanceof InvalidRequestException invalid) {
      return GrpcErrors.invalidArgument(
          INVALID_REQUEST,
          invalid.getMessage(),
          invalid.problems().stream()
              .map(p -> new FieldViolation(p.field(), p.description()))
              .toList());
    }
    if (error instanceof TrialMetricsNotFoundException notFound) {
      return GrpcErrors.notFound(TRIAL_METRICS_NOT_FOUND, notFound.resourceName());
    }
    if (error instanceof InvalidPredictionsException notComparable) {
      // The evaluator's own sentence about stored results, not an internal detail.
      return GrpcErrors.toException(
          GrpcErrors.status(
              Code.FAILED_PRECONDITION,
              PREDICTIONS_NOT_COMPARABLE,
              "the study's stored predictions cannot be compared: " + notComparable.getMessage(),
              Map.of()));
    }
    if (error instanceof DependencyUnavailableException unavailable) {
      LOG.warnf("answering UNAVAILABLE: %s (%s)", unavailable.getMessage(), unavailable.getCause());
      return GrpcErrors.toException(
          GrpcErrors.status(
              Code.UNAVAILABLE,
              DEPENDENCY_UNAVAILABLE,
              "a store the evaluator depends on is unavailable; retry later",
              Map.of()));
    }
    LOG.error("unexpected error serving a request", error);
    return GrpcErrors.toException(
        GrpcErrors.status(Code.INTERNAL, INTERNAL, "internal error", Map.of()));
  }
}
