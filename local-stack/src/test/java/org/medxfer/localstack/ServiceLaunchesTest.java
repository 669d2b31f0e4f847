package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLaunchesTest {
  private static final StackPorts PORTS = StackPorts.DEFAULT;
  private static final StackEndpoints ENDPOINTS =
      new StackEndpoints(
          "127.0.0.1:19092",
          "jdbc:postgresql://127.0.0.1:15432/medxfer",
          "medxfer",
          "db-secret-value",
          "http://127.0.0.1:19000",
          "access-key-value",
          "s3-secret-value",
          "medxfer",
          Map.of());
  private static final PlatformKeys KEYS =
      new PlatformKeys("user-public-key", "internal-public-key", "internal-private-key");

  private static ServiceLaunch launch(Component service) {
    return ServiceLaunches.defaults(
        service,
        ENDPOINTS,
        KEYS,
        PORTS,
        Path.of("/repo"),
        Path.of("/repo/.medxfer/stack/" + service.id()));
  }

  @Test
  void gatewayIsPointedAtItsInfrastructureAndPeers() {
    Map<String, String> props = launch(Component.GATEWAY).systemProperties();

    assertThat(props)
        .containsEntry("quarkus.http.port", "18080")
        .containsEntry("quarkus.http.host", "127.0.0.1")
        .containsEntry("kafka.bootstrap.servers", "127.0.0.1:19092")
        .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:15432/medxfer")
        .containsEntry("quarkus.datasource.username", "medxfer")
        .containsEntry("medxfer.object-store.endpoint", "http://127.0.0.1:19000")
        .containsEntry("medxfer.object-store.access-key", "access-key-value")
        .containsEntry("medxfer.object-store.bucket", "medxfer")
        .containsEntry("quarkus.grpc.clients.datasets.host", "127.0.0.1")
        .containsEntry("quarkus.grpc.clients.datasets.port", "18081")
        .containsEntry("quarkus.grpc.clients.evaluation.port", "18083")
        .containsEntry("quarkus.grpc.clients.studies.port", "18080")
        .containsEntry("medxfer.home", "/repo")
        .containsEntry("medxfer.state-dir", "/repo/.medxfer/stack/gateway");
  }

  @Test
  void secretsTravelInTheEnvironmentNeverAsSystemProperties() {
    for (Component service : Component.services()) {
      ServiceLaunch launch = launch(service);
      assertThat(launch.systemProperties().values())
          .as(service.id())
          .doesNotContain("db-secret-value", "s3-secret-value");
      assertThat(launch.environment())
          .containsEntry("MEDXFER_OBJECT_STORE_SECRET_KEY", "s3-secret-value");
      assertThat(launch.toString()).doesNotContain("db-secret-value", "s3-secret-value");
    }
    assertThat(launch(Component.DATASET_SERVICE).environment())
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "db-secret-value");
  }

  @Test
  void theGatewayGetsTheUserKeyAndTheSigningKeyTheOthersOnlyTheInternalPublicKey() {
    assertThat(launch(Component.GATEWAY).environment())
        .containsEntry("MEDXFER_AUTH_PUBLIC_KEY", "user-public-key")
        .containsEntry("MEDXFER_AUTH_INTERNAL_PRIVATE_KEY", "internal-private-key")
        .doesNotContainKey("MEDXFER_AUTH_INTERNAL_PUBLIC_KEY");
    for (Component service :
        List.of(
            Component.DATASET_SERVICE, Component.EVALUATOR_SERVICE, Component.TRAINER_SERVICE)) {
      assertThat(launch(service).environment())
          .as(service.id())
          .containsEntry("MEDXFER_AUTH_INTERNAL_PUBLIC_KEY", "internal-public-key")
          .doesNotContainKeys("MEDXFER_AUTH_PUBLIC_KEY", "MEDXFER_AUTH_INTERNAL_PRIVATE_KEY");
    }
  }

  @Test
  void keysNeverReachTheCommandLineAndAuthenticationStaysOn() {
    for (Component service : Component.services()) {
      ServiceLaunch launch = launch(service);
      assertThat(launch.systemProperties().keySet())
          .as(service.id())
          .noneMatch(key -> key.startsWith("medxfer.auth."));
      assertThat(launch.systemProperties().values())
          .as(service.id())
          .doesNotContain("user-public-key", "internal-public-key", "internal-private-key");
      assertThat(launch.jvmOptions()).as(service.id()).noneMatch(option -> option.contains("key"));
      assertThat(launch.toString()).doesNotContain("internal-private-key");
    }
  }

  @Test
  void trainerGetsQuietTensorFlowAndNoDatabase() {
    ServiceLaunch trainer = launch(Component.TRAINER_SERVICE);

    assertThat(trainer.environment()).containsEntry("TF_CPP_MIN_LOG_LEVEL", "2");
    assertThat(trainer.environment()).doesNotContainKey("QUARKUS_DATASOURCE_PASSWORD");
    assertThat(trainer.systemProperties()).doesNotContainKey("quarkus.datasource.jdbc.url");
    assertThat(trainer.systemProperties()).containsEntry("quarkus.http.port", "18082");
    assertThat(trainer.jvmOptions()).anyMatch(o -> o.startsWith("-Xmx"));
  }

  @Test
  void customizersRunInOrderAfterTheDefaults() {
    StackOptions options =
        StackOptions.builder(Path.of("/repo"))
            .customizeService((s, l) -> l.systemProperty("quarkus.log.level", "DEBUG"))
            .customizeService((s, l) -> l.systemProperties().remove("quarkus.http.host"))
            .build();
    ServiceLaunch launch = launch(Component.EVALUATOR_SERVICE);

    options.serviceCustomizer().accept(Component.EVALUATOR_SERVICE, launch);

    assertThat(launch.systemProperties())
        .containsEntry("quarkus.log.level", "DEBUG")
        .doesNotContainKey("quarkus.http.host");
  }
}
