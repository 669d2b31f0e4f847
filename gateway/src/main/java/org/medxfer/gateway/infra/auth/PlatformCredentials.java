package org.medxfer.gateway.infra.auth;

import io.grpc.stub.AbstractStub;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.common.grpc.ServerAuthentication;
import org.medxfer.common.grpc.ServiceTokens;

/**
 * The service tokens the gateway sends dataset-service and evaluator-service: each call acts for
 * the project of the user the gateway serves, signed with {@code
 * medxfer.auth.internal-private-key}. With authentication on the key is required, and a missing one
 * stops the gateway at start-up (so that a misconfigured gateway fails at once, not at its first
 * forwarded call). With authentication off a key, when set, is still used, so that a gateway tested
 * alone can talk to internal services that verify tokens; without one, calls go without.
 */
@Startup
@ApplicationScoped
public class PlatformCredentials {

  /** The {@code sub} of the gateway's service tokens. */
  public static final String SERVICE = "gateway";

  private static final Logger LOG = Logger.getLogger(PlatformCredentials.class);

  private final Optional<ServiceTokens> tokens;

  public PlatformCredentials(
      @ConfigProperty(name = ServerAuthentication.ENABLED_PROPERTY, defaultValue = "true")
          boolean enabled,
      @ConfigProperty(name = ServerAuthentication.INTERNAL_PRIVATE_KEY_PROPERTY)
          Optional<String> privateKey,
      Clock clock) {
    Optional<String> key = privateKey.filter(text -> !text.isBlank());
    if (enabled && key.isEmpty()) {
      throw new IllegalStateException(
          ServerAuthentication.INTERNAL_PRIVATE_KEY_PROPERTY
              + " is not set: the RSA private key (PEM or Base64 PKCS#8) with which the gateway"
              + " signs its calls to dataset-service and evaluator-service ("
              + ServerAuthentication.ENABLED_PROPERTY
              + "=false turns authentication off, for tests only)");
    }
    if (key.isEmpty()) {
      LOG.warn(
          "no "
              + ServerAuthentication.INTERNAL_PRIVATE_KEY_PROPERTY
              + ": calls to dataset-service and evaluator-service carry no service token");
    }
    tokens = key.map(text -> new ServiceTokens(privateKey(text), SERVICE, clock));
  }

  private static PrivateKey privateKey(String text) {
    try {
      return BearerTokens.privateKey(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          ServerAuthentication.INTERNAL_PRIVATE_KEY_PROPERTY + " is " + e.getMessage(), e);
    }
  }

  /** {@code stub} sending a service token that acts for {@code project}, when there is a key. */
  public <S extends AbstractStub<S>> S actingFor(S stub, String project) {
    return tokens.map(t -> stub.withCallCredentials(t.credentialsFor(project))).orElse(stub);
  }

  @Override
  public String toString() {
    return "PlatformCredentials[key hidden]";
  }
}
