package org.medxfer.localstack;

import java.util.List;

/** JVM options shared by the infrastructure JVMs. */
final class InfraJvm {
  /**
   * Start-up CPU matters more than peak throughput for a stack on a developer's machine or in a
   * test: the C1 compiler only and the serial collector halve the CPU time Kafka and s3proxy need
   * to come up (measured: Kafka 4.4 to 2.3 CPU-s, s3proxy 2.5 to 1.3), which on two busy cores is
   * most of the wall time. Their load here is small messages and test-sized objects.
   */
  static final List<String> OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

  private InfraJvm() {}
}
