package org.medxfer.common.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only the platform's own callers into an internal service (dataset-service,
 * evaluator-service, trainer-service): every call needs a service token (see {@link
 * ServerAuthentication#platform}), verified with {@code medxfer.auth.internal-public-key}; users'
 * tokens are refused. gRPC health and reflection stay open. Only {@code
 * medxfer.auth.enabled=false}, meant for tests of one service alone, turns this off; every call
 * then acts for project {@code default}.
 *
 * <p>Each service registers it with a subclass that carries only the framework's annotations, so
 * the behaviour lives here once.
 */
public class PlatformCallerInterceptor implements ServerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformCallerInterceptor.class);

  private final ServerInterceptor delegate;

  protected PlatformCallerInterceptor(boolean enabled, Optional<String> internalPublicKey) {
    if (!enabled) {
      LOG.warn(
          "authentication is off (medxfer.auth.enabled=false): every call acts for project {}",
          ServerAuthentication.LOCAL_PROJECT);
    }
    // Token lifetimes are minutes; the system clock is the only one they are checked against.
    delegate = ServerAuthentication.platform(enabled, internalPublicKey, Clock.systemUTC());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return delegate.interceptCall(call, headers, next);
  }
}
