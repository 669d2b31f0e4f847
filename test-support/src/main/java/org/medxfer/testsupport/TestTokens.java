package org.medxfer.testsupport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.medxfer.common.grpc.BearerTokenAttacher;
import org.medxfer.common.grpc.BearerTokens;

/**
 * Two RSA key pairs per test JVM and bearer tokens signed with them. Users' keys: the gateway under
 * test gets {@link #publicKey()} as {@code medxfer.auth.public-key}, the test's clients send {@link
 * #token}. The platform's internal keys: an internal service under test gets {@link
 * #internalPublicKey()} as {@code medxfer.auth.internal-public-key} and the test calls it {@link
 * #asPlatform as the gateway would}; a gateway under test gets {@link #internalPrivateKey()}.
 */
public final class TestTokens {

  /** The project the tests' ordinary calls act for. */
  public static final String PROJECT = "default";

  // Quarkus may load this class in two class loaders (the test resource's and the test's); the key
  // pair lives in a system property so that both use the same one.
  private static final String KEYS_PROPERTY = "medxfer.test.token-keys";
  private static final String INTERNAL_KEYS_PROPERTY = "medxfer.test.internal-token-keys";
  private static final KeyPair KEYS = keys(KEYS_PROPERTY);
  private static final KeyPair INTERNAL_KEYS = keys(INTERNAL_KEYS_PROPERTY);

  private TestTokens() {}

  private static KeyPair keys(String property) {
    synchronized (System.class) {
      String stored = System.getProperty(property);
      if (stored == null) {
        KeyPair fresh = BearerTokens.newKeyPair();
        stored =
            BearerTokens.encode(fresh.getPublic()) + " " + BearerTokens.encode(fresh.getPrivate());
        System.setProperty(property, stored);
      }
      String[] parts = stored.split(" ");
      return new KeyPair(BearerTokens.publicKey(parts[0]), BearerTokens.privateKey(parts[1]));
    }
  }

  /** The public key, as the services read it. */
  public static String publicKey() {
    return BearerTokens.encode(KEYS.getPublic());
  }

  /** A token of {@code project} valid for an hour. */
  public static String token(String project) {
    return BearerTokens.issue(
        KEYS.getPrivate(), "test-" + project, project, Instant.now().plus(Duration.ofHours(1)));
  }

  /** A client interceptor that sends a token of {@code project} with every call. */
  public static ClientInterceptor as(String project) {
    return new BearerTokenAttacher(token(project));
  }

  /** The platform's internal public key, as the internal services read it. */
  public static String internalPublicKey() {
    return BearerTokens.encode(INTERNAL_KEYS.getPublic());
  }

  /** The platform's internal private key, as the gateway reads it. */
  public static String internalPrivateKey() {
    return BearerTokens.encode(INTERNAL_KEYS.getPrivate());
  }

  /**
   * The callers an internal service must refuse with {@code UNAUTHENTICATED}, each as the client
   * interceptor that makes it: no token at all, a user's valid token (users' tokens are for the
   * gateway only) and a service token signed with a key that is not the platform's.
   */
  public static List<ClientInterceptor> callersAnInternalServiceRefuses() {
    ClientInterceptor noToken =
        new ClientInterceptor() {
          @Override
          public <Q, R> ClientCall<Q, R> interceptCall(
              MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return next.newCall(method, options);
          }

          @Override
          public String toString() {
            return "no token";
          }
        };
    String forged =
        BearerTokens.issue(
            BearerTokens.newKeyPair().getPrivate(),
            "gateway",
            PROJECT,
            BearerTokens.INTERNAL_AUDIENCE,
            Instant.now().plus(Duration.ofHours(1)));
    return List.of(noToken, as(PROJECT), new BearerTokenAttacher(forged));
  }

  /**
   * A client interceptor that calls an internal service as the gateway acting for {@code project}.
   */
  public static ClientInterceptor asPlatform(String project) {
    return new BearerTokenAttacher(
        BearerTokens.issue(
            INTERNAL_KEYS.getPrivate(),
            "gateway",
            project,
            BearerTokens.INTERNAL_AUDIENCE,
            Instant.now().plus(Duration.ofHours(1))));
  }
}
