package org.medxfer.testsupport;

import io.grpc.ClientInterceptor;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.medxfer.common.grpc.BearerTokenAttacher;
import org.medxfer.common.grpc.BearerTokens;

/**
 * One RSA key pair per test JVM and bearer tokens signed with it: the services under test get
 * {@link #publicKey()} as {@code medxfer.auth.public-key}, the test's clients send {@link #token}.
 */
public final class TestTokens {

  /** The project the tests' ordinary calls act for. */
  public static final String PROJECT = "default";

  // Quarkus may load this class in two class loaders (the test resource's and the test's); the key
  // pair lives in a system property so that both use the same one.
  private static final String KEYS_PROPERTY = "medxfer.test.token-keys";
  private static final KeyPair KEYS = keys();

  private TestTokens() {}

  private static KeyPair keys() {
    synchronized (System.class) {
      String stored = System.getProperty(KEYS_PROPERTY);
      if (stored == null) {
        KeyPair fresh = BearerTokens.newKeyPair();
        stored =
            BearerTokens.encode(fresh.getPublic()) + " " + BearerTokens.encode(fresh.getPrivate());
        System.setProperty(KEYS_PROPERTY, stored);
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
}
