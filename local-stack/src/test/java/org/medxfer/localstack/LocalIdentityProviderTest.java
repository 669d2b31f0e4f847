package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.common.grpc.Caller;
import org.medxfer.common.grpc.InvalidTokenException;

class LocalIdentityProviderTest {
  @TempDir Path stateDir;

  private LocalIdentityProvider installed(KeyPair user) {
    LocalIdentityProvider identity = new LocalIdentityProvider(new StackLayout(stateDir));
    identity.install(user);
    return identity;
  }

  @Test
  void theTokenAndThePrivateKeyAreReadableByTheirOwnerOnly() throws Exception {
    installed(BearerTokens.newKeyPair());
    StackLayout layout = new StackLayout(stateDir);

    assertThat(LocalStack.tokenFile(stateDir)).isEqualTo(stateDir.resolve("auth/token"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.tokenFile())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(layout.userPrivateKeyFile())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.authDir())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(layout.userPrivateKeyFile()))
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void theWrittenTokenIsLocalUserOfTheDefaultProjectForThirtyDays() throws Exception {
    KeyPair user = BearerTokens.newKeyPair();
    LocalIdentityProvider identity = installed(user);

    String token = identity.userToken();

    Caller caller = BearerTokens.verify(user.getPublic(), token, Instant.now());
    assertThat(caller.subject()).isEqualTo("local-user");
    assertThat(caller.project()).isEqualTo("default");
    assertThat(
            BearerTokens.verify(user.getPublic(), token, Instant.now().plus(Duration.ofDays(29))))
        .isEqualTo(caller);
    assertThatThrownBy(
            () ->
                BearerTokens.verify(
                    user.getPublic(), token, Instant.now().plus(Duration.ofDays(31))))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void anIssuedTokenVerifiesWithTheStacksPublicKeyForItsProjectOnly() throws Exception {
    LocalIdentityProvider identity = installed(BearerTokens.newKeyPair());

    String token = identity.issueToken("alice", "oncology");

    Caller caller =
        BearerTokens.verify(BearerTokens.publicKey(identity.userPublicKey()), token, Instant.now());
    assertThat(caller.subject()).isEqualTo("alice");
    assertThat(caller.project()).isEqualTo("oncology");
    assertThatThrownBy(
            () -> BearerTokens.verify(BearerTokens.newKeyPair().getPublic(), token, Instant.now()))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aNewStartMakesTheEarlierTokenInvalid() throws Exception {
    String earlier = installed(BearerTokens.newKeyPair()).userToken();
    LocalIdentityProvider identity = installed(BearerTokens.newKeyPair());

    assertThat(identity.userToken()).isNotEqualTo(earlier);
    assertThatThrownBy(
            () ->
                BearerTokens.verify(
                    BearerTokens.publicKey(identity.userPublicKey()), earlier, Instant.now()))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void withoutAStartThereIsNoTokenToRead() {
    LocalIdentityProvider identity = new LocalIdentityProvider(new StackLayout(stateDir));

    assertThatThrownBy(identity::userToken)
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("no stack was started from " + stateDir);
  }
}
