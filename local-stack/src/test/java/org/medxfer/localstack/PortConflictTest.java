package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.localstack.fixtures.FreePorts;

class PortConflictTest {
  @TempDir Path tmp;

  @Test
  void aTakenPortIsNamedWithItsRoleAndNothingStarts() throws Exception {
    StackPorts ports = StackPorts.fromBase(FreePorts.base());
    Path stateDir = tmp.resolve("stack");
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.s3()));

      assertThatThrownBy(
              () ->
                  LocalStack.start(
                      StackOptions.builder(tmp)
                          .stateDir(stateDir)
                          .ports(ports)
                          .infrastructureOnly()
                          .build()))
          .isInstanceOfSatisfying(
              PortsInUseException.class,
              e -> {
                assertThat(e.taken()).isEqualTo(Map.of("s3", ports.s3()));
                assertThat(e.getMessage())
                    .contains("127.0.0.1")
                    .contains(ports.s3() + " (s3)")
                    .contains("nothing started");
              });
    }
    assertThat(ProcessHandle.current().children()).isEmpty();
    assertThat(stateDir.resolve("stack.json")).doesNotExist();
    assertThat(stateDir.resolve("logs")).doesNotExist();
  }

  @Test
  void everyTakenPortIsListed() throws Exception {
    StackPorts ports = StackPorts.fromBase(FreePorts.base());
    try (ServerSocket kafka = bind(ports.kafka());
        ServerSocket postgres = bind(ports.postgres())) {
      assertThatThrownBy(
              () ->
                  LocalStack.start(
                      StackOptions.builder(tmp)
                          .stateDir(tmp.resolve("stack"))
                          .ports(ports)
                          .infrastructureOnly()
                          .build()))
          .isInstanceOfSatisfying(
              PortsInUseException.class,
              e ->
                  assertThat(e.taken())
                      .isEqualTo(
                          Map.of("kafka broker", ports.kafka(), "postgres", ports.postgres())));
    }
  }

  @Test
  void portsOfServicesThatAreNotStartedAreNotRequired() throws Exception {
    StackPorts ports = StackPorts.fromBase(FreePorts.base());
    try (ServerSocket gateway = bind(ports.gateway());
        ServerSocket s3 = bind(ports.s3())) {
      assertThatThrownBy(
              () ->
                  LocalStack.start(
                      StackOptions.builder(tmp)
                          .stateDir(tmp.resolve("stack"))
                          .ports(ports)
                          .infrastructureOnly()
                          .build()))
          .isInstanceOfSatisfying(
              PortsInUseException.class, e -> assertThat(e.taken()).containsOnlyKeys("s3"));
    }
  }

  private static ServerSocket bind(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }
}
