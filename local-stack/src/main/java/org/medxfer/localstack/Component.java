package org.medxfer.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A process of the local stack: three infrastructure servers and the four medxfer services. */
public enum Component {
  KAFKA("kafka", null),
  S3("s3", null),
  POSTGRES("postgres", null),
  DATASET_SERVICE("dataset-service", "datasets"),
  TRAINER_SERVICE("trainer-service", null),
  EVALUATOR_SERVICE("evaluator-service", "evaluation"),
  GATEWAY("gateway", "studies");

  private final String id;
  private final String grpcClientName;

  Component(String id, String grpcClientName) {
    this.id = id;
    this.grpcClientName = grpcClientName;
  }

  /** The name used in logs, stack.json and, for a service, its Maven module directory. */
  public String id() {
    return id;
  }

  public boolean isService() {
    return ordinal() >= DATASET_SERVICE.ordinal();
  }

  /**
   * The name other services use for their Quarkus gRPC client of this service ({@code
   * quarkus.grpc.clients.<name>.*}); empty for a component that serves no gRPC API to the others.
   */
  public Optional<String> grpcClientName() {
    return Optional.ofNullable(grpcClientName);
  }

  /** The services, in start order. */
  public static List<Component> services() {
    return Arrays.stream(values()).filter(Component::isService).toList();
  }

  /** The infrastructure servers, in start order. */
  public static List<Component> infrastructure() {
    return Arrays.stream(values()).filter(c -> !c.isService()).toList();
  }

  public static Component byId(String id) {
    return Arrays.stream(values())
        .filter(c -> c.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown component: " + id));
  }

  @Override
  public String toString() {
    return id;
  }
}
