package org.medxfer.common.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.util.Optional;

/**
 * Builds the one authenticating interceptor a service installs, from its configuration. Each
 * service keeps only the glue that registers it; what is checked lives here.
 *
 * <ul>
 *   <li>The gateway verifies users' tokens ({@link #users}).
 *   <li>dataset-service, evaluator-service and trainer-service verify the platform's own tokens
 *       ({@link #platform}): the audience {@link BearerTokens#INTERNAL_AUDIENCE}, signed with the
 *       internal key that only the platform's services hold.
 * </ul>
 *
 * With {@code medxfer.auth.enabled=false} nothing is verified and every call acts for project
 * {@link #LOCAL_PROJECT}: that is for tests of a single service and nothing else.
 */
public final class ServerAuthentication {

  /** Turns verification off when false; on by default. */
  public static final String ENABLED_PROPERTY = "medxfer.auth.enabled";

  /** The gateway's key for users' tokens (PEM or Base64 X.509). */
  public static final String USER_PUBLIC_KEY_PROPERTY = "medxfer.auth.public-key";

  /** The internal services' key for the platform's tokens (PEM or Base64 X.509). */
  public static final String INTERNAL_PUBLIC_KEY_PROPERTY = "medxfer.auth.internal-public-key";

  /** The gateway's key that signs the platform's tokens (PEM or Base64 PKCS#8). */
  public static final String INTERNAL_PRIVATE_KEY_PROPERTY = "medxfer.auth.internal-private-key";

  /** The project every call acts for when verification is off. */
  public static final String LOCAL_PROJECT = "default";

  private ServerAuthentication() {}

  /** Verifies users' bearer tokens with the key in {@link #USER_PUBLIC_KEY_PROPERTY}. */
  public static ServerInterceptor users(boolean enabled, Optional<String> publicKey, Clock clock) {
    if (!enabled) {
      return new LocalCaller();
    }
    return new AuthenticatingInterceptor(
        BearerTokens.publicKey(required(publicKey, USER_PUBLIC_KEY_PROPERTY, "users' tokens")),
        clock,
        null);
  }

  /** Verifies the platform's tokens with the key in {@link #INTERNAL_PUBLIC_KEY_PROPERTY}. */
  public static ServerInterceptor platform(
      boolean enabled, Optional<String> publicKey, Clock clock) {
    if (!enabled) {
      return new LocalCaller();
    }
    return new AuthenticatingInterceptor(
        BearerTokens.publicKey(
            required(publicKey, INTERNAL_PUBLIC_KEY_PROPERTY, "the platform's own tokens")),
        clock,
        BearerTokens.INTERNAL_AUDIENCE);
  }

  /** The text of a required key, or a start-up error that names the property. */
  public static String required(Optional<String> key, String property, String verifies) {
    return key.filter(text -> !text.isBlank())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    property
                        + " is not set: the RSA key (PEM or Base64 DER) that verifies "
                        + verifies
                        + " ("
                        + ENABLED_PROPERTY
                        + "=false turns verification off, for tests only)"));
  }

  /** Acts for {@link #LOCAL_PROJECT} without a token. */
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
