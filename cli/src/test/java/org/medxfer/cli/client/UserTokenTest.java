package org.medxfer.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTokenTest {
  @TempDir Path stateDir;

  private void stackToken(String token) throws Exception {
    Files.createDirectories(stateDir.resolve("auth"));
    Files.writeString(stateDir.resolve("auth/token"), token + "\n");
  }

  @Test
  void medxferTokenWinsOverTheLocalStacksToken() throws Exception {
    stackToken("from-the-stack");

    assertThat(UserToken.resolve(Map.of("MEDXFER_TOKEN", " from-the-env\n"), stateDir))
        .isEqualTo("from-the-env");
  }

  @Test
  void withoutMedxferTokenTheLocalStacksTokenIsSent() throws Exception {
    stackToken("from-the-stack");

    assertThat(UserToken.resolve(Map.of(), stateDir)).isEqualTo("from-the-stack");
    assertThat(UserToken.resolve(Map.of("MEDXFER_TOKEN", "  "), stateDir))
        .isEqualTo("from-the-stack");
  }

  @Test
  void withNeitherTheErrorNamesBothWaysToGetOne() {
    assertThatThrownBy(() -> UserToken.resolve(Map.of(), stateDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set MEDXFER_TOKEN")
        .hasMessageContaining("./medxfer up")
        .hasMessageContaining(stateDir.resolve("auth/token").toString());
  }
}
