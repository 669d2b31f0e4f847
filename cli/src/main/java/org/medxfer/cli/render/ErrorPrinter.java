package org.medxfer.cli.render;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.medxfer.cli.client.UserToken;
import org.medxfer.common.grpc.GrpcErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error for a person: the gRPC code and message, the error's reason and
 * every field violation, instead of a stack trace.
 */
public final class ErrorPrinter implements IExecutionExceptionHandler {

  /** Exit code for input the user can fix (bad study file, unknown data set). */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for everything else. */
  public static final int EXIT_FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception error, CommandLine commandLine, ParseResult parsed) {
    System.err.println(describe(error));
    if (error instanceof StatusRuntimeException grpc
        && grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
      return EXIT_BAD_INPUT;
    }
    return EXIT_FAILURE;
  }

  /** A readable, multi-line description of {@code error}. */
  public static String describe(Throwable error) {
    if (!(error instanceof StatusRuntimeException grpc)) {
      return "error: " + error.getMessage();
    }
    StringBuilder text = new StringBuilder();
    Status status = grpc.getStatus();
    text.append("error: ").append(status.getCode()).append(": ").append(status.getDescription());
    GrpcErrors.errorInfo(grpc)
        .ifPresent(info -> text.append("\n  reason: ").append(info.getReason()));
    List<BadRequest.FieldViolation> violations = GrpcErrors.fieldViolations(grpc);
    for (BadRequest.FieldViolation violation : violations) {
      text.append("\n  ")
          .append(violation.getField())
          .append(": ")
          .append(violation.getDescription());
    }
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      text.append("\n  (is the stack running? `./medxfer up` starts it)");
    }
    if (status.getCode() == Status.Code.UNAUTHENTICATED) {
      text.append(
          "\n  (the gateway did not accept the token: set "
              + UserToken.ENV
              + " to a valid token of your medxfer installation; for the local stack leave it"
              + " unset, and the token the stack writes at every start (./medxfer up) is used)");
    }
    return text.toString();
  }
}
