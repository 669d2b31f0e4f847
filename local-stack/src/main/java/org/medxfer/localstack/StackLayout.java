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

  /** Config and data of one component; for a service, its {@code medxfer.state-dir}. */
  Path componentDir(Component component) {
    return stateDir.resolve(component.id());
  }
}
