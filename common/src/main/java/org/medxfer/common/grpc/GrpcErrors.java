package org.medxfer.common.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the rich errors every medxfer API returns: a {@code google.rpc.Status} with an {@code
 * ErrorInfo} (reason and domain, which clients branch on) and, for bad input, {@code BadRequest}
 * field violations.
 */
public final class GrpcErrors {

  /** The {@code ErrorInfo.domain} of every medxfer error. */
  public static final String DOMAIN = "medxfer.org";

  private GrpcErrors() {}

  /** A status with an ErrorInfo; {@code metadata} adds context such as the resource name. */
  public static Status status(
      Code code, String reason, String message, Map<String, String> metadata) {
    return Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(message)
        .addDetails(
            Any.pack(
                ErrorInfo.newBuilder()
                    .setReason(reason)
                    .setDomain(DOMAIN)
                    .putAllMetadata(metadata)
                    .build()))
        .build();
  }

  /** The exception that sends {@code status} to a gRPC caller. */
  public static StatusRuntimeException toException(Status status) {
    return StatusProto.toStatusRuntimeException(status);
  }

  /** {@code INVALID_ARGUMENT} with one field violation per problem. */
  public static StatusRuntimeException invalidArgument(
      String reason, String message, List<FieldViolation> violations) {
    BadRequest.Builder badRequest = BadRequest.newBuilder();
    for (FieldViolation violation : violations) {
      badRequest.addFieldViolations(
          BadRequest.FieldViolation.newBuilder()
              .setField(violation.field())
              .setDescription(violation.description()));
    }
    Status status =
        status(Code.INVALID_ARGUMENT, reason, message, Map.of()).toBuilder()
            .addDetails(Any.pack(badRequest.build()))
            .build();
    return toException(status);
  }

  /** {@code NOT_FOUND} naming the missing resource. */
  public static StatusRuntimeException notFound(String reason, String resourceName) {
    return toException(
        status(
            Code.NOT_FOUND,
            reason,
            resourceName + " does not exist",
            Map.of("resource", resourceName)));
  }

  /** The ErrorInfo of a status received from a call, when it has one. */
  public static Optional<ErrorInfo> errorInfo(Throwable error) {
    Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      return Optional.empty();
    }
    return status.getDetailsList().stream()
        .filter(any -> any.is(ErrorInfo.class))
        .findFirst()
        .map(any -> unpack(any, ErrorInfo.class));
  }

  /** The field violations of a status received from a call (empty when it has none). */
  public static List<BadRequest.FieldViolation> fieldViolations(Throwable error) {
    Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      return List.of();
    }
    return status.getDetailsList().stream()
        .filter(any -> any.is(BadRequest.class))
        .flatMap(any -> unpack(any, BadRequest.class).getFieldViolationsList().stream())
        .toList();
  }

  private static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("malformed error detail " + any.getTypeUrl(), e);
    }
  }
}
