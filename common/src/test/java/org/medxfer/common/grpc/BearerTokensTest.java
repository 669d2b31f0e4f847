package org.medxfer.common.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

  private static final KeyPair KEYS = BearerTokens.newKeyPair();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aSignedTokenNamesItsCaller() throws Exception {
    String token = BearerTokens.issue(KEYS.getPrivate(), "alice", "radiology", NOW.plusSeconds(60));

    assertThat(BearerTokens.verify(KEYS.getPublic(), token, NOW))
        .isEqualTo(new Caller("alice", "radiology"));
  }

  @Test
  void keysSurviveTheirTextForm() throws Exception {
    String token =
        BearerTokens.issue(
            BearerTokens.privateKey(BearerTokens.encode(KEYS.getPrivate())),
            "alice",
            "radiology",
            NOW.plusSeconds(60));

    assertThat(
            BearerTokens.verify(
                BearerTokens.publicKey(BearerTokens.encode(KEYS.getPublic())), token, NOW))
        .isEqualTo(new Caller("alice", "radiology"));
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = BearerTokens.issue(KEYS.getPrivate(), "alice", "radiology", NOW);

    assertThatThrownBy(() -> BearerTokens.verify(KEYS.getPublic(), token, NOW))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void aTokenOfAnotherKeyIsRefused() {
    String token =
        BearerTokens.issue(
            BearerTokens.newKeyPair().getPrivate(), "mallory", "radiology", NOW.plusSeconds(60));

    assertThatThrownBy(() -> BearerTokens.verify(KEYS.getPublic(), token, NOW))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void aChangedProjectClaimBreaksTheSignature() {
    String[] parts =
        BearerTokens.issue(KEYS.getPrivate(), "alice", "radiology", NOW.plusSeconds(60))
            .split("\\.");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\"alice\",\"project\":\"oncology\",\"exp\":"
                        + NOW.plusSeconds(60).getEpochSecond()
                        + "}")
                    .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () ->
                BearerTokens.verify(
                    KEYS.getPublic(), parts[0] + "." + forged + "." + parts[2], NOW))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String none =
        Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
    String claims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"sub\":\"a\",\"project\":\"p\",\"exp\":9999999999}".getBytes());

    assertThatThrownBy(() -> BearerTokens.verify(KEYS.getPublic(), none + "." + claims + ".", NOW))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("RS256");
  }

  @Test
  void aProjectThatIsNotOnePathSegmentIsRefused() {
    for (String project : new String[] {"a/b", "../x", ".hidden", "a b"}) {
      String token = BearerTokens.issue(KEYS.getPrivate(), "alice", project, NOW.plusSeconds(60));

      assertThatThrownBy(() -> BearerTokens.verify(KEYS.getPublic(), token, NOW))
          .as(project)
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("project");
    }
  }
}
