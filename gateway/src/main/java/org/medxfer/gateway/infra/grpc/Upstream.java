package org.medxfer.gateway.infra.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.medxfer.gateway.api.ErrorMapper;
import org.medxfer.gateway.domain.DependencyUnavailableException;

/**
 * A service behind the gateway (dataset-service, evaluator-service) whose answers the gateway
 * passes on to its own caller. What the service answered goes back unchanged: messages, and errors
 * with their code, description and trailers (ErrorInfo, field violations). Two failures are the
 * gateway's own and say so: a service that cannot be reached ({@code UNAVAILABLE} with this
 * service's reason, without its address), and a service that refuses the gateway's service token,
 * which is the platform's misconfiguration, not the user's, so it is logged and answered {@code
 * INTERNAL} rather than telling the user their token is wrong.
 */
public final class Upstream {

  private static final Logger LOG = Logger.getLogger(Upstream.class);

  private final String service;
  private final String unavailableReason;

  /**
   * @param service the service's name, for messages
   * @param unavailableReason the ErrorInfo reason when it cannot be reached
   */
  public Upstream(String service, String unavailableReason) {
    this.service = service;
    this.unavailableReason = unavailableReason;
  }

  /**
   * An observer for a unary call's answer that passes it on to {@code downstream}; a caller that
   * cancels (or whose deadline passes) cancels the upstream call, so a long report is not computed
   * for nobody. It must be handed to the stub while the gateway's service method runs.
   */
  public <Q, R> ClientResponseObserver<Q, R> answerTo(StreamObserver<R> downstream) {
    return new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<Q> upstream) {
        if (downstream instanceof ServerCallStreamObserver<R> call) {
          call.setOnCancelHandler(() -> upstream.cancel("the caller cancelled", null));
        }
      }

      @Override
      public void onNext(R value) {
        downstream.onNext(value);
      }

      @Override
      public void onError(Throwable error) {
        downstream.onError(passOn(error));
      }

      @Override
      public void onCompleted() {
        downstream.onCompleted();
      }
    };
  }

  /**
   * Passes a client-streaming call on: {@code start} opens the upstream call with the observer of
   * its answer; the returned observer takes the caller's messages. Messages are read from the
   * caller only as fast as the upstream takes them, and a cancelled caller cancels the upstream
   * call.
   */
  public <Q, R> StreamObserver<Q> relayClientStream(
      ServerCallStreamObserver<R> downstream,
      Function<StreamObserver<R>, StreamObserver<Q>> start) {
    return ClientStreamRelay.start(this, downstream, start);
  }

  /** The error to send the gateway's caller for an upstream call that failed with {@code error}. */
  StatusRuntimeException passOn(Throwable error) {
    Status status = Status.fromThrowable(error);
    Metadata trailers = Status.trailersFromThrowable(error);
    boolean answered = StatusProto.fromThrowable(error) != null;
    if (status.getCode() == Status.Code.UNAVAILABLE && !answered) {
      return ErrorMapper.toStatus(
          new DependencyUnavailableException(
              unavailableReason,
              service + " did not answer (" + status.getCode() + "); retry",
              error));
    }
    if (status.getCode() == Status.Code.UNAUTHENTICATED) {
      LOG.errorf(
          "%s refused the gateway's service token (%s): its %s must match the gateway's"
              + " medxfer.auth.internal-private-key",
          service, status.getDescription(), "medxfer.auth.internal-public-key");
      return ErrorMapper.toStatus(
          new IllegalStateException(service + " refused the gateway's service token"));
    }
    return status.asRuntimeException(trailers == null ? new Metadata() : trailers);
  }

  @Override
  public String toString() {
    return service;
  }
}
