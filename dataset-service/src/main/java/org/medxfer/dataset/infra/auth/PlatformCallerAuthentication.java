package org.medxfer.dataset.infra.auth;

import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medxfer.common.grpc.PlatformCallerInterceptor;
import org.medxfer.common.grpc.ServerAuthentication;

/**
 * Registers {@link PlatformCallerInterceptor} for every call into dataset-service. A singleton, not
 * application-scoped: the interceptor holds no state to proxy, and its base class has no
 * no-argument constructor for a proxy.
 */
@Singleton
@GlobalInterceptor
public class PlatformCallerAuthentication extends PlatformCallerInterceptor {

  public PlatformCallerAuthentication(
      @ConfigProperty(name = ServerAuthentication.ENABLED_PROPERTY, defaultValue = "true")
          boolean enabled,
      @ConfigProperty(name = ServerAuthentication.INTERNAL_PUBLIC_KEY_PROPERTY)
          Optional<String> internalPublicKey) {
    super(enabled, internalPublicKey);
  }
}
