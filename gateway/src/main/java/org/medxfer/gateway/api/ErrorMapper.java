package org.medxfer.gateway.api;

import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.medxfer.common.grpc.FieldViolation;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.gateway.domain.DependencyUnavailableException;
import org.medxfer.gateway.domain.IllegalStateChangeException;
import org.medxfer.gateway.domain.InvalidRequestException;
import org.medxfer.gateway.domain.InvalidStudyException;
import org.medxfer.gateway.domain.StudyAccessDeniedException;
import org.medxfer.gateway.domain.StudyAlreadyExistsException;
import org.medxfer.gateway.domain.StudyNotFoundException;
import org.medxfer.gateway.domain.TrialNotFoundException;
import org.medxfer.gateway.domain.Violation;

/**
 * The one place where exceptions become gRPC statuses, each with an ErrorInfo whose reason clients
 * branch on. Anything unexpected becomes INTERNAL without internals (they go to the log).
 */
public final class ErrorMapper {

  public static final String STUDY_NOT_FOUND = "STUDY_NOT_FOUND";
  public static final String STUDY_ACCESS_DENIED = "STUDY_ACCESS_DENIED";
  public static final String TRIAL_NOT_FOUND = "TRIAL_NOT_FOUND";
  public static final String STUDY_ALREADY_EXISTS = "STUDY_ALREADY_EXISTS";
  public static final String INVALID_REQUEST = "INVALID_REQUEST";
  public static final String INTERNAL = "INTERNAL";

  private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  /** The status to send for {@code error}. */
  public static StatusRuntimeException toStatus(Throwable error) {
    if (error instanceof InvalidStudyException invalid) {
      return GrpcErrors.invalidArgument(
          invalid.problem().name(), invalid.getMessage(), fieldViolations(invalid.violations()));
    }
    if (error instanceof InvalidRequestException invalid) {
      return GrpcErrors.invalidArgument(
          INVALID_REQUEST, invalid.getMessage(), fieldViolations(invalid.violations()));
    }
    if (error instanceof StudyNotFoundException notFound) {
      return GrpcErrors.notFound(STUDY_NOT_FOUND, notFound.studyName());
    }
    if (error instanceof StudyAccessDeniedException denied) {
      return aboutResource(
          Code.PERMISSION_DENIED, STUDY_ACCESS_DENIED, denied.getMessage(), denied.studyName());
    }
    if (error instanceof TrialNotFoundException notFound) {
      return GrpcErrors.notFound(TRIAL_NOT_FOUND, notFound.trialName());
    }
    if (error instanceof StudyAlreadyExistsException exists) {
      return aboutResource(
          Code.ALREADY_EXISTS, STUDY_ALREADY_EXISTS, exists.getMessage(), exists.studyName());
    }
    if (error instanceof IllegalStateChangeException illegal) {
      return GrpcErrors.toException(
          GrpcErrors.status(
              Code.FAILED_PRECONDITION, illegal.reason(), illegal.getMessage(), Map.of()));
    }
    if (error instanceof DependencyUnavailableException unavailable) {
      LOG.warn(unavailable.getMessage());
      return GrpcErrors.toException(
          GrpcErrors.status(
              Code.UNAVAILABLE, unavailable.reason(), unavailable.getMessage(), Map.of()));
    }
    LOG.error("unexpected error", error);
    return GrpcErrors.toException(
        GrpcErrors.status(Code.INTERNAL, INTERNAL, "internal error", Map.of()));
  }

  private static List<FieldViolation> fieldViolations(List<Violation> violations) {
    return violations.stream()
        .map(violation -> new FieldViolation(violation.field(), violation.description()))
        .toList();
  }

  private static StatusRuntimeException aboutResource(
      Code code, String reason, String message, String resource) {
    return GrpcErrors.toException(
        GrpcErrors.status(code, reason, message, Map.of("resource", resource)));
  }
}
