package org.medxfer.common.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServiceTokensTest {

  private static final KeyPair INTERNAL = BearerTokens.newKeyPair();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static ServiceTokens tokensAt(Instant now) {
    return new ServiceTokens(INTERNAL.getPrivate(), "gateway", Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aServiceTokenActsForTheProjectItWasSignedFor() throws Exception {
    String token = tokensAt(NOW).tokenFor("radiology");

    assertThat(
            BearerTokens.verify(INTERNAL.getPublic(), token, NOW, BearerTokens.INTERNAL_AUDIENCE))
        .isEqualTo(new Caller("gateway", "radiology"));
  }

  @Test
  void theGatewayRefusesAServiceTokenAsAUserToken() {
    String token = tokensAt(NOW).tokenFor("radiology");

    assertThatThrownBy(() -> BearerTokens.verify(INTERNAL.getPublic(), token, NOW))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("internal");
  }

  @Test
  void anInternalServiceRefusesAUserToken() {
    String token =
        BearerTokens.issue(INTERNAL.getPrivate(), "alice", "radiology", NOW.plusSeconds(60));

    assertThatThrownBy(
            () ->
                BearerTokens.verify(
                    INTERNAL.getPublic(), token, NOW, BearerTokens.INTERNAL_AUDIENCE))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("audience");
  }

  @Test
  void tokensAreReusedUntilTheyNearTheirEnd() {
    ServiceTokens tokens = tokensAt(NOW);
    String first = tokens.tokenFor("radiology");

    assertThat(tokens.tokenFor("radiology")).isSameAs(first);
    assertThat(tokens.tokenFor("pathology")).isNotEqualTo(first);
  }

  @Test
  void noTokenAppearsInTheCredentialsText() {
    ServiceTokens tokens = tokensAt(NOW);
    String token = tokens.tokenFor("radiology");

    assertThat(tokens.credentialsFor("radiology").toString()).doesNotContain(token);
    assertThat(tokens.toString()).doesNotContain(token);
  }
}
