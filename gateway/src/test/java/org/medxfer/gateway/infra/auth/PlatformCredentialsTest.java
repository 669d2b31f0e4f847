package org.medxfer.gateway.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.testsupport.TestTokens;

/** When the gateway signs service tokens, and when it refuses to start. */
class PlatformCredentialsTest {

  private static final String KEY_PROPERTY = "medxfer.auth.internal-private-key";

  // Never connects: the stubs are only inspected.
  private final ManagedChannel channel =
      ManagedChannelBuilder.forTarget("dns:///dataset-service.invalid:1").usePlaintext().build();

  @AfterEach
  void close() {
    channel.shutdownNow();
  }

  @Test
  void withAuthenticationOnTheKeyIsRequiredAndItsAbsenceNamesTheProperty() {
    assertThatThrownBy(() -> new PlatformCredentials(true, Optional.empty(), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(KEY_PROPERTY + " is not set");
    assertThatThrownBy(() -> new PlatformCredentials(true, Optional.of("  "), Clock.systemUTC()))
        .hasMessageStartingWith(KEY_PROPERTY + " is not set");
  }

  @Test
  void aKeyThatIsNotOneNamesTheProperty() {
    assertThatThrownBy(
            () -> new PlatformCredentials(true, Optional.of("not-a-key"), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(KEY_PROPERTY + " is not an RSA private key (PEM or Base64 PKCS#8)");
  }

  @Test
  void withAKeyCallsCarryAServiceTokenWhetherAuthenticationIsOnOrOff() {
    for (boolean enabled : new boolean[] {true, false}) {
      PlatformCredentials credentials =
          new PlatformCredentials(
              enabled, Optional.of(TestTokens.internalPrivateKey()), Clock.systemUTC());
      assertThat(
              credentials
                  .actingFor(DatasetServiceGrpc.newStub(channel), "radiology")
                  .getCallOptions()
                  .getCredentials())
          .isNotNull();
    }
  }

  @Test
  void withAuthenticationOffAndNoKeyCallsCarryNoToken() {
    PlatformCredentials credentials =
        new PlatformCredentials(false, Optional.empty(), Clock.systemUTC());
    assertThat(
            credentials
                .actingFor(DatasetServiceGrpc.newStub(channel), "radiology")
                .getCallOptions()
                .getCredentials())
        .isNull();
  }
}
