package org.medxfer.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import kafka.tools.StorageTool;

/**
 * Runs the Kafka node of the local stack: formats its storage on the first start, then runs {@code
 * kafka.Kafka} in the same JVM, which saves a second JVM start (about a CPU-second) on every fresh
 * state dir.
 *
 * <p>Arguments: {@code --cluster-id ID --config SERVER_PROPERTIES --log-dir DIR}.
 */
public final class KafkaServerMain {
  private KafkaServerMain() {}

  public static void main(String[] args) {
    if (args.length != 6
        || !"--cluster-id".equals(args[0])
        || !"--config".equals(args[2])
        || !"--log-dir".equals(args[4])) {
      System.err.println(
          "usage: KafkaServerMain --cluster-id ID --config SERVER_PROPERTIES --log-dir DIR");
      System.exit(2);
    }
    String clusterId = args[1];
    String config = args[3];
    Path logDir = Path.of(args[5]);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      int exit =
          StorageTool.execute(
              new String[] {"format", "--cluster-id", clusterId, "--config", config}, System.out);
      if (exit != 0) {
        System.err.println("formatting " + logDir + " failed with exit code " + exit);
        System.exit(exit);
      }
    }
    kafka.Kafka.main(new String[] {config});
  }
}
