package org.medxfer.common.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Set;

/**
 * Lets a call through only with a valid bearer token in its {@code authorization} metadata, and
 * puts the token's {@link Caller} in the call's context. gRPC health and reflection stay open, so
 * probes and tools work without a token. A refused call gets {@code UNAUTHENTICATED}; the token
 * itself is never logged or echoed.
 */
public final class AuthenticatingInterceptor implements ServerInterceptor {

  /** The metadata key that carries {@code Bearer <token>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String BEARER = "Bearer ";
  private static final Set<String> OPEN_SERVICES =
      Set.of(
          "grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection");

  private final PublicKey key;
  private final Clock clock;
  private final String audience;

  /** Accepts users' tokens (those without the internal audience) signed by {@code key}. */
  public AuthenticatingInterceptor(PublicKey key, Clock clock) {
    this(key, clock, null);
  }

  /**
   * Accepts tokens signed by {@code key} whose audience contains {@code audience}; a null {@code
   * audience} accepts users' tokens only (see {@link BearerTokens#verify(PublicKey, String,
   * java.time.Instant, String)}).
   */
  public AuthenticatingInterceptor(PublicKey key, Clock clock, String audience) {
    this.key = key;
    this.clock = clock;
    this.audience = audience;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return refuse(call, "the call carries no bearer token in its authorization metadata");
    }
    Caller caller;
    try {
      caller =
          BearerTokens.verify(
              key, authorization.substring(BEARER.length()), clock.instant(), audience);
    } catch (InvalidTokenException e) {
      return refuse(call, e.getMessage());
    }
    Context context = Context.current().withValue(Caller.CONTEXT_KEY, caller);
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
    call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
