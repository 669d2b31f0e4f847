package org.medxfer.gateway.infra.grpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One client-streaming call passed from the gateway's caller (downstream) to a service (upstream)
 * with flow control end to end: the gateway asks the caller for its next message only when the
 * upstream call can take one, so an upload of any size holds at most a message or two in the
 * gateway's memory and a slow service slows the caller down (HTTP/2 windows do the rest). A caller
 * that cancels, or whose stream breaks, cancels the upstream call.
 */
final class ClientStreamRelay<Q, R> implements StreamObserver<Q> {

  private final Upstream upstreamService;
  private final ServerCallStreamObserver<R> downstream;
  // Demand goes to the caller's call on the thread that serves it: the server's transport expects
  // its own thread, while the upstream's readiness is signalled on a client thread.
  private final Executor downstreamThread;
  private volatile ClientCallStreamObserver<Q> upstream;
  // Guarded by this: the caller's last message was passed on and the next one is not yet asked for.
  private boolean wantsNext = true;
  private boolean ended;

  private ClientStreamRelay(
      Upstream upstreamService, ServerCallStreamObserver<R> downstream, Executor downstreamThread) {
    this.upstreamService = upstreamService;
    this.downstream = downstream;
    this.downstreamThread = downstreamThread;
  }

  static <Q, R> StreamObserver<Q> start(
      Upstream upstreamService,
      ServerCallStreamObserver<R> downstream,
      Function<StreamObserver<R>, StreamObserver<Q>> start) {
    Context context = Vertx.currentContext();
    Executor thread =
        context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    ClientStreamRelay<Q, R> relay = new ClientStreamRelay<>(upstreamService, downstream, thread);
    // Both must be set while the service method runs, before the first message arrives.
    downstream.disableAutoRequest();
    downstream.setOnCancelHandler(relay::cancelledByCaller);
    start.apply(relay.new Answer());
    return relay;
  }

  @Override
  public void onNext(Q message) {
    upstream.onNext(message);
    synchronized (this) {
      wantsNext = true;
    }
    askForNextIfReady();
  }

  @Override
  public void onError(Throwable error) {
    end();
    upstream.cancel("the caller's stream failed", error);
  }

  @Override
  public void onCompleted() {
    upstream.onCompleted();
  }

  private void cancelledByCaller() {
    end();
    ClientCallStreamObserver<Q> call = upstream;
    if (call != null) {
      call.cancel("the caller cancelled", null);
    }
  }

  private synchronized void end() {
    ended = true;
  }

  /** Asks the caller for one more message when the last one is passed on and upstream is ready. */
  private void askForNextIfReady() {
    synchronized (this) {
      if (ended || !wantsNext || !upstream.isReady()) {
        return;
      }
      wantsNext = false;
    }
    downstreamThread.execute(() -> downstream.request(1));
  }

  /** The upstream call's side: readiness, and the answer passed on to the caller. */
  private final class Answer implements ClientResponseObserver<Q, R> {

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
      upstream = requestStream;
      requestStream.setOnReadyHandler(ClientStreamRelay.this::askForNextIfReady);
    }

    @Override
    public void onNext(R value) {
      downstream.onNext(value);
    }

    @Override
    public void onError(Throwable error) {
      end();
      if (!downstream.isCancelled()) {
        downstream.onError(upstreamService.passOn(error));
      }
    }

    @Override
    public void onCompleted() {
      end();
      downstream.onCompleted();
    }
  }
}
