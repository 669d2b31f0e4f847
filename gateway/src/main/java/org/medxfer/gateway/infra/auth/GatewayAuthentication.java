package org.medxfer.gateway.infra.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.medxfer.common.grpc.AuthenticatingInterceptor;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.common.grpc.Caller;

/**
 * Authenticates every gateway call with a bearer token (see {@link AuthenticatingInterceptor}),
 * verified with {@code medxfer.auth.public-key}. Only {@code medxfer.auth.enabled=false}, meant for
 * the one-machine local stack, turns this off; every call then acts for project {@code default}.
 */
@ApplicationScoped
@GlobalInterceptor
public class GatewayAuthentication implements ServerInterceptor {

  /** The project every call acts for when authentication is off. */
  public static final String LOCAL_PROJECT = "default";

  private static final Logger LOG = Logger.getLogger(GatewayAuthentication.class);

  private final ServerInterceptor delegate;

  public GatewayAuthentication(
      @ConfigProperty(name = "medxfer.auth.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "medxfer.auth.public-key") Optional<String> publicKey,
      Clock clock) {
    if (!enabled) {
      LOG.warn(
          "authentication is off (medxfer.auth.enabled=false): every call acts for project "
              + LOCAL_PROJECT);
      delegate = new LocalCaller();
      return;
    }
    String key =
        publicKey
            .filter(text -> !text.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "medxfer.auth.public-key is not set: the RSA public key (PEM or Base64"
                            + " X.509) that verifies bearer tokens"));
    delegate = new AuthenticatingInterceptor(BearerTokens.publicKey(key), clock);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return delegate.interceptCall(call, headers, next);
  }

  /** Acts for the local project without a token. */
  private static final class LocalCaller implements ServerInterceptor {

    private static final Caller CALLER = new Caller("local", LOCAL_PROJECT);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      Context context = Context.current().withValue(Caller.CONTEXT_KEY, CALLER);
      return Contexts.interceptCall(context, call, headers, next);
    }
  }
}
