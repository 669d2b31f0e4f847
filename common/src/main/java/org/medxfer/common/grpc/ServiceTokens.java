package org.medxfer.common.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The tokens one medxfer service sends another: RS256 JWTs with audience {@link
 * BearerTokens#INTERNAL_AUDIENCE}, the calling service as {@code sub} and the project the call acts
 * for as {@code project}, signed with the platform's internal key. They live five minutes and are
 * reused for four, so a busy caller signs a few tokens per project, not one per call.
 */
public final class ServiceTokens {

  static final Duration LIFETIME = Duration.ofMinutes(5);
  static final Duration REUSE = Duration.ofMinutes(4);

  private final PrivateKey key;
  private final String service;
  private final Clock clock;
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  /**
   * @param key the platform's internal private key
   * @param service the calling service's name, sent as {@code sub}
   */
  public ServiceTokens(PrivateKey key, String service, Clock clock) {
    this.key = key;
    this.service = service;
    this.clock = clock;
  }

  /** A token of this service acting for {@code project}. */
  public String tokenFor(String project) {
    Instant now = clock.instant();
    Issued current = issued.get(project);
    if (current == null || !now.isBefore(current.issuedAt().plus(REUSE))) {
      current =
          new Issued(
              BearerTokens.issue(
                  key, service, project, BearerTokens.INTERNAL_AUDIENCE, now.plus(LIFETIME)),
              now);
      issued.put(project, current);
    }
    return current.token();
  }

  /** Call credentials that send a token acting for {@code project}. */
  public CallCredentials credentialsFor(String project) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        try {
          Metadata headers = new Metadata();
          headers.put(AuthenticatingInterceptor.AUTHORIZATION, "Bearer " + tokenFor(project));
          applier.apply(headers);
        } catch (RuntimeException e) {
          applier.fail(Status.UNAUTHENTICATED.withDescription("cannot sign a service token"));
        }
      }

      @Override
      public String toString() {
        return "ServiceTokens[" + service + " for " + project + ", token hidden]";
      }
    };
  }

  /** Call credentials acting for the project of the call this thread serves. */
  public CallCredentials credentialsForCurrentCaller() {
    return credentialsFor(Caller.current().project());
  }

  @Override
  public String toString() {
    return "ServiceTokens[" + service + ", key hidden]";
  }

  private record Issued(String token, Instant issuedAt) {}
}
