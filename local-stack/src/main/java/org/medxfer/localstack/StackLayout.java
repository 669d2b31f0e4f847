package org.medxfer.localstack;

import java.nio.file.Path;

/** Where things live under a stack's state dir. */
final class StackLayout {
  private final Path stateDir;

  StackLayout(Path stateDir) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
  }

  Path stateDir() {
    return stateDir;
  }

  Path stackFile() {
    return stateDir.resolve("stack.json");
  }

  /** Held while a start or stop is in progress, so two of them never race on one state dir. */
  Path lockFile() {
    return stateDir.resolve(".lock");
  }

  Path logsDir() {
    return stateDir.resolve("logs");
  }

  Path logFile(Component component) {
    return logsDir().resolve(component.id() + ".log");
  }

  /** Keys and tokens of the local identity provider; only the owner may enter it. */
  Path authDir() {
    return stateDir.resolve("auth");
  }

  /** Signs users' tokens (PEM, PKCS#8; mode 600). */
  Path userPrivateKeyFile() {
    return authDir().resolve("user-private-key.pem");
  }

  /** The gateway verifies users' tokens with it (PEM, X.509). */
  Path userPublicKeyFile() {
    return authDir().resolve("user-public-key.pem");
  }

  /**
   * The token of {@code local-user} for project {@code default}, which the CLI sends (mode 600).
   */
  Path tokenFile() {
    return authDir().resolve("token");
  }

  /** Config and data of one component; for a service, its {@code medxfer.state-dir}. */
  Path componentDir(Component component) {
    return stateDir.resolve(component.id());
  }
}
