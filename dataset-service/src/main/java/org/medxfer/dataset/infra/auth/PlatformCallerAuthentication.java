package org.medxfer.dataset.infra.auth;

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
 * Lets only the platform's own callers into dataset-service: every call needs a service token (see
 * {@link ServerAuthentication#platform}), verified with {@code medxfer.auth.internal-public-key};
 * users' tokens are refused. gRPC health and reflection stay open. Only {@code
 * medxfer.auth.enabled=false}, meant for tests of this service alone, turns this off; every call
 * then acts for project {@code default}.
 */
@ApplicationScoped
@GlobalInterceptor
public class PlatformCallerAuthentication implements ServerInterceptor {

  private static final Logger LOG = Logger.getLogger(PlatformCallerAuthentication.class);

  private final ServerInterceptor delegate;

  public PlatformCallerAuthentication(
      @ConfigProperty(name = ServerAuthentication.ENABLED_PROPERTY, defaultValue = "true")
          boolean enabled,
      @ConfigProperty(name = ServerAuthentication.INTERNAL_PUBLIC_KEY_PROPERTY)
          Optional<String> internalPublicKey) {
    if (!enabled) {
      LOG.warn(
          "authentication is off (medxfer.auth.enabled=false): every call acts for project "
              + ServerAuthentication.LOCAL_PROJECT);
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
