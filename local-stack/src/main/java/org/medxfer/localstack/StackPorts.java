package org.medxfer.localstack;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TCP ports of one stack, all on 127.0.0.1. Each service serves HTTP and gRPC on one port.
 *
 * @param gateway gateway HTTP and gRPC
 * @param datasetService dataset-service HTTP and gRPC
 * @param trainerService trainer-service HTTP and gRPC
 * @param evaluatorService evaluator-service HTTP and gRPC
 * @param kafka Kafka broker listener (the bootstrap address)
 * @param kafkaController Kafka KRaft controller listener
 * @param s3 S3 API
 * @param postgres PostgreSQL
 */
public record StackPorts(
    int gateway,
    int datasetService,
    int trainerService,
    int evaluatorService,
    int kafka,
    int kafkaController,
    int s3,
    int postgres) {

  /**
   * The ports of a developer's stack; chosen away from the usual defaults of locally installed
   * servers.
   */
  public static final StackPorts DEFAULT =
      new StackPorts(18080, 18081, 18082, 18083, 19092, 19093, 19000, 15432);

  /** Number of consecutive ports {@link #fromBase(int)} takes. */
  public static final int COUNT = 8;

  public StackPorts {
    Map<Integer, String> seen = new HashMap<>();
    for (Map.Entry<String, Integer> e :
        roles(
                gateway,
                datasetService,
                trainerService,
                evaluatorService,
                kafka,
                kafkaController,
                s3,
                postgres)
            .entrySet()) {
      int port = e.getValue();
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(e.getKey() + " port out of range: " + port);
      }
      String other = seen.put(port, e.getKey());
      if (other != null) {
        throw new IllegalArgumentException(
            "port " + port + " is given to both " + other + " and " + e.getKey());
      }
    }
  }

  /**
   * Eight consecutive ports from {@code base}: gateway, dataset, trainer, evaluator, kafka, kafka
   * controller, s3, postgres. Lets tests and a second stack on the same machine move as a block.
   */
  public static StackPorts fromBase(int base) {
    return new StackPorts(
        base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7);
  }

  /** The port a client connects to for the given component. */
  public int of(Component component) {
    return switch (component) {
      case KAFKA -> kafka;
      case S3 -> s3;
      case POSTGRES -> postgres;
      case DATASET_SERVICE -> datasetService;
      case TRAINER_SERVICE -> trainerService;
      case EVALUATOR_SERVICE -> evaluatorService;
      case GATEWAY -> gateway;
    };
  }

  /** Every port with the role it plays, in a stable order; used in messages about ports. */
  public Map<String, Integer> byRole() {
    return roles(
        gateway,
        datasetService,
        trainerService,
        evaluatorService,
        kafka,
        kafkaController,
        s3,
        postgres);
  }

  private static Map<String, Integer> roles(
      int gateway,
      int datasetService,
      int trainerService,
      int evaluatorService,
      int kafka,
      int kafkaController,
      int s3,
      int postgres) {
    Map<String, Integer> roles = new LinkedHashMap<>();
    roles.put("kafka broker", kafka);
    roles.put("kafka controller", kafkaController);
    roles.put("s3", s3);
    roles.put("postgres", postgres);
    roles.put("dataset-service", datasetService);
    roles.put("trainer-service", trainerService);
    roles.put("evaluator-service", evaluatorService);
    roles.put("gateway", gateway);
    return roles;
  }
}
