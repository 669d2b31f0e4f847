package org.medxfer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medxfer.common.grpc.BearerTokens;

class SecretFinderTest {

  private final SecretFinder finder =
      new SecretFinder(Map.of("the S3 secret key", "s3-secret-4f1c9a77d2"));

  @Test
  void aKnownSecretIsFoundByWhatItIsNeverShown() {
    List<String> findings =
        finder.findingsIn(
            "logs/gateway.log",
            List.of("starting", "object store secret s3-secret-4f1c9a77d2 in use", "ready"));

    assertThat(findings).containsExactly("logs/gateway.log:2 holds the S3 secret key");
    assertThat(findings.get(0)).doesNotContain("s3-secret-4f1c9a77d2");
  }

  @Test
  void aTokenTheServicesWouldAcceptIsFoundWhoeverMintedIt() {
    KeyPair keys = BearerTokens.newKeyPair();
    String token = BearerTokens.issue(keys.getPrivate(), "alice", "radiology", Instant.now());

    assertThat(finder.findingsIn("log", List.of("call refused: token " + token)))
        .containsExactly("log:1 holds a JWT");
    assertThat(finder.findingsIn("log", List.of("authorization: Bearer opaque-token-0123456789")))
        .containsExactly("log:1 holds a bearer token");
  }

  @ParameterizedTest
  @ValueSource(ints = {1024, 2048, 3072, 4096})
  void anRsaPrivateKeyIsFoundInBase64AndPemButNotItsPublicKey(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    KeyPair keys = generator.generateKeyPair();
    String base64 = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    String pemFirstLine =
        Base64.getMimeEncoder()
            .encodeToString(keys.getPrivate().getEncoded())
            .lines()
            .findFirst()
            .orElseThrow();

    assertThat(finder.findingsIn("log", List.of("key=" + base64)))
        .containsExactly("log:1 holds a Base64 PKCS#8 RSA private key");
    assertThat(finder.findingsIn("log", List.of("-----BEGIN PRIVATE KEY-----", pemFirstLine)))
        .containsExactly(
            "log:1 holds a PEM private key", "log:2 holds a Base64 PKCS#8 RSA private key");
    assertThat(
            finder.findingsIn(
                "log", List.of(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))))
        .isEmpty();
  }

  @Test
  void ordinaryLogLinesHoldNothing() {
    assertThat(
            finder.findingsIn(
                "logs/dataset-service.log",
                List.of(
                    "2026-11-29 08:43:40 INFO [io.quarkus] medxfer-dataset-service started in 3.1s",
                    "StackEndpoints[s3Endpoint=http://127.0.0.1:28082, s3AccessKey=AKIA0123456789]",
                    "imported datasets/breastmnist version 1 (546 train, 78 val, 156 test)")))
        .isEmpty();
  }
}
