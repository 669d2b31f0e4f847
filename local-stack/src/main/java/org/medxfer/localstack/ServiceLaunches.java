package org.medxfer.localstack;

import java.nio.file.Path;
import java.util.Map;

/** The default launch of each service: where its infrastructure and its peers are. */
public final class ServiceLaunches {
  private static final Map<Component, String> HEAP =
      Map.of(
          Component.GATEWAY, "-Xmx256m",
          Component.DATASET_SERVICE, "-Xmx512m",
          Component.EVALUATOR_SERVICE, "-Xmx512m",
          // Tensors live off-heap; the heap holds decoded batches.
          Component.TRAINER_SERVICE, "-Xmx1536m");

  private ServiceLaunches() {}

  /**
   * The launch of {@code service} against the infrastructure in {@code endpoints}.
   *
   * @param keys this start's keys: the gateway gets the key that verifies users' tokens and the one
   *     that signs the platform's tokens, the other services the one that verifies those
   * @param ports the stack's ports; a service's gRPC clients point at every peer's port, started or
   *     not, so a peer started later is found
   * @param repoHome repository root, given to the service as {@code medxfer.home}
   * @param serviceStateDir the service's own directory under the stack's state dir
   */
  public static ServiceLaunch defaults(
      Component service,
      StackEndpoints endpoints,
      PlatformKeys keys,
      StackPorts ports,
      Path repoHome,
      Path serviceStateDir) {
    ServiceLaunch launch = new ServiceLaunch(service);
    launch.jvmOption(HEAP.get(service));
    launch.systemProperty(ServiceConfigKeys.HTTP_HOST, "127.0.0.1");
    launch.systemProperty(ServiceConfigKeys.HTTP_PORT, Integer.toString(ports.of(service)));
    launch.systemProperty(
        ServiceConfigKeys.KAFKA_BOOTSTRAP_SERVERS, endpoints.kafkaBootstrapServers());
    if (usesDatabase(service)) {
      launch.systemProperty(ServiceConfigKeys.DATASOURCE_JDBC_URL, endpoints.jdbcUrl());
      launch.systemProperty(ServiceConfigKeys.DATASOURCE_USERNAME, endpoints.databaseUser());
      launch.environment(ServiceConfigKeys.ENV_DATASOURCE_PASSWORD, endpoints.databasePassword());
    }
    launch.systemProperty(ServiceConfigKeys.OBJECT_STORE_ENDPOINT, endpoints.s3Endpoint());
    launch.systemProperty(ServiceConfigKeys.OBJECT_STORE_ACCESS_KEY, endpoints.s3AccessKey());
    launch.systemProperty(ServiceConfigKeys.OBJECT_STORE_BUCKET, endpoints.bucket());
    launch.environment(ServiceConfigKeys.ENV_OBJECT_STORE_SECRET_KEY, endpoints.s3SecretKey());
    for (Component peer : Component.services()) {
      if (peer.grpcClientName().isPresent()) {
        String client = peer.grpcClientName().get();
        launch.systemProperty(ServiceConfigKeys.grpcClientHost(client), "127.0.0.1");
        launch.systemProperty(
            ServiceConfigKeys.grpcClientPort(client), Integer.toString(ports.of(peer)));
      }
    }
    launch.systemProperty(ServiceConfigKeys.HOME, repoHome.toString());
    launch.systemProperty(ServiceConfigKeys.STATE_DIR, serviceStateDir.toString());
    // Authentication stays on (the services' default), as in a real installation.
    if (service == Component.GATEWAY) {
      launch.environment(ServiceConfigKeys.ENV_AUTH_PUBLIC_KEY, keys.userPublicKey());
      launch.environment(
          ServiceConfigKeys.ENV_AUTH_INTERNAL_PRIVATE_KEY, keys.internalPrivateKey());
    } else {
      launch.environment(ServiceConfigKeys.ENV_AUTH_INTERNAL_PUBLIC_KEY, keys.internalPublicKey());
    }
    if (service == Component.TRAINER_SERVICE) {
      launch.environment(ServiceConfigKeys.ENV_TF_CPP_MIN_LOG_LEVEL, "2");
    }
    return launch;
  }

  /** The trainer keeps no relational state; the others each migrate their own schema. */
  static boolean usesDatabase(Component service) {
    return service != Component.TRAINER_SERVICE;
  }
}
