package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.localstack.fixtures.FreePorts;

/** What stack.json guards: no second stack over a live one, and no signal to a stranger's pid. */
class StackRecordTest {
  @TempDir Path stateDir;

  @Test
  void refusesToStartOverALiveStack() {
    write(record("kafka", ProcessRecord.of(ProcessHandle.current())));

    assertThatThrownBy(
            () ->
                LocalStack.start(
                    StackOptions.builder(stateDir)
                        .stateDir(stateDir)
                        .ports(StackPorts.fromBase(FreePorts.base()))
                        .infrastructureOnly()
                        .build()))
        .isInstanceOf(StackAlreadyRunningException.class)
        .hasMessageContaining("already running")
        .hasMessageContaining("kafka pid " + ProcessHandle.current().pid())
        .hasMessageContaining("run down first");
    assertThat(stateDir.resolve("stack.json")).exists();
  }

  @Test
  void removesTheRecordOfAStackThatIsGone() throws Exception {
    Process exited = new ProcessBuilder("sleep", "60").start();
    ProcessRecord gone = ProcessRecord.of(exited.toHandle());
    exited.destroy();
    exited.waitFor();
    write(record("kafka", gone));
    StackPorts ports = StackPorts.fromBase(FreePorts.base());

    // A taken port stops the start right after the stale record is handled.
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.kafka()));
      assertThatThrownBy(
              () ->
                  LocalStack.start(
                      StackOptions.builder(stateDir)
                          .stateDir(stateDir)
                          .ports(ports)
                          .infrastructureOnly()
                          .build()))
          .isInstanceOf(PortsInUseException.class);
    }
    assertThat(stateDir.resolve("stack.json")).doesNotExist();
  }

  @Test
  void stopSignalsARecordedProcessAndLeavesAReusedPidAlone() throws Exception {
    Process ours = new ProcessBuilder("sleep", "60").start();
    Process stranger = new ProcessBuilder("sleep", "60").start();
    try {
      ProcessRecord strangerSeenEarlier =
          new ProcessRecord(
              stranger.pid(), ProcessRecord.of(stranger.toHandle()).startedAt().minusSeconds(3600));
      write(
          new StackState(
              StackState.RUNNING,
              stateDir.toString(),
              stateDir.toString(),
              Instant.now(),
              endpoints(),
              List.of(
                  component("gateway", ProcessRecord.of(ours.toHandle())),
                  component("kafka", strangerSeenEarlier))));

      StopReport report = LocalStack.stop(stateDir, Duration.ofSeconds(5), line -> {});

      assertThat(ours.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(stranger.isAlive()).isTrue();
      assertThat(report.lines())
          .anyMatch(l -> l.startsWith("gateway stopped (pid " + ours.pid()))
          .anyMatch(
              l ->
                  l.equals(
                      "kafka: pid "
                          + stranger.pid()
                          + " now belongs to another process; left alone"));
      assertThat(stateDir.resolve("stack.json")).doesNotExist();
    } finally {
      ours.destroyForcibly();
      stranger.destroyForcibly();
    }
  }

  @Test
  void stopWithoutARecordSaysSo() {
    StopReport report = LocalStack.stop(stateDir);

    assertThat(report.stackWasRecorded()).isFalse();
    assertThat(report.lines()).containsExactly("no stack recorded in " + stateDir);
    assertThat(LocalStack.status(stateDir).recorded()).isFalse();
  }

  private StackState record(String component, ProcessRecord process) {
    return new StackState(
        StackState.RUNNING,
        stateDir.toString(),
        stateDir.toString(),
        Instant.now(),
        endpoints(),
        List.of(component(component, process)));
  }

  private static ComponentRecord component(String name, ProcessRecord process) {
    return new ComponentRecord(name, process, List.of(), List.of(1), "logs/" + name + ".log");
  }

  private static StackEndpoints endpoints() {
    return new StackEndpoints(
        "127.0.0.1:1",
        "jdbc:postgresql://127.0.0.1:2/medxfer",
        "medxfer",
        "pw",
        "http://127.0.0.1:3",
        "ak",
        "sk",
        "medxfer",
        Map.of());
  }

  private void write(StackState state) {
    StackStateFile.write(new StackLayout(stateDir), state);
  }
}
