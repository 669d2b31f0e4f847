package org.medxfer.trainer.api;

import com.google.rpc.Code;
import com.google.rpc.Status;
import java.util.Map;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.trainer.domain.FailureReason;

/**
 * The one place a trial failure becomes a {@code google.rpc.Status}: a code for coarse handling and
 * an {@code ErrorInfo} whose reason is the {@link FailureReason} name, which clients branch on.
 */
public final class TrialFailureMapper {

  private TrialFailureMapper() {}

  public static Status toStatus(FailureReason reason, String message, String trial, int attempt) {
    return GrpcErrors.status(
        code(reason),
        reason.name(),
        message,
        Map.of("trial", trial, "attempt", Integer.toString(attempt)));
  }

  static Code code(FailureReason reason) {
    return switch (reason) {
      case INVALID_SPEC, UNSUPPORTED_ARCHITECTURE, UNSUPPORTED_RESOLUTION, INVALID_DATA ->
          Code.INVALID_ARGUMENT;
      // The trainer's installation lacks or has broken files: fixable by an operator, not the
      // caller.
      case WEIGHTS_MISSING, WEIGHTS_CORRUPT, WEIGHTS_MISMATCH -> Code.FAILED_PRECONDITION;
      case DATA_UNREADABLE, PREDICTIONS_UNWRITABLE -> Code.UNAVAILABLE;
      // The run itself went wrong; a retry with another learning rate or seed may not.
      case DIVERGED -> Code.ABORTED;
      case INTERNAL -> Code.INTERNAL;
    };
  }
}
