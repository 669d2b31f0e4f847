package org.medxfer.gateway.infra.auth;

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
import org.medxfer.common.grpc.ServerAuthentication;

/**
 * Authenticates every gateway call with a user's bearer token (see {@link
 * ServerAuthentication#users}), verified with {@code medxfer.auth.public-key}. Only {@code
 * medxfer.auth.enabled=false}, meant for tests of the gateway alone, turns this off; every call
 * then acts for project {@code default}.
 */
@ApplicationScoped
@GlobalInterceptor
public class GatewayAuthentication implements ServerInterceptor {

  /** The project every call acts for when authentication is off. */
  public static final String LOCAL_PROJECT = ServerAuthentication.LOCAL_PROJECT;

  private static final Logger LOG = Logger.getLogger(GatewayAuthentication.class);

  private final ServerInterceptor delegate;

  public GatewayAuthentication(
      @ConfigProperty(name = ServerAuthentication.ENABLED_PROPERTY, defaultValue = "true")
          boolean enabled,
      @ConfigProperty(name = ServerAuthentication.USER_PUBLIC_KEY_PROPERTY)
          Optional<String> publicKey,
      Clock clock) {
    if (!enabled) {
      LOG.warn(
          "authentication is off (medxfer.auth.enabled=false): every call acts for project "
              + LOCAL_PROJECT);
    }
    delegate = ServerAuthentication.users(enabled, publicKey, clock);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return delegate.interceptCall(call, headers, next);
  }
}
