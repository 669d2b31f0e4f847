package org.medxfer.localstack;

/**
 * The configuration keys the local stack sets on each service. System properties are visible in
 * {@code ps}; secrets therefore go in environment variables, which Quarkus maps to the same keys.
 */
public final class ServiceConfigKeys {
  public static final String HTTP_PORT = "quarkus.http.port";
  public static final String HTTP_HOST = "quarkus.http.host";
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String DATASOURCE_JDBC_URL = "quarkus.datasource.jdbc.url";
  public static final String DATASOURCE_USERNAME = "quarkus.datasource.username";
  public static final String OBJECT_STORE_ENDPOINT = "medxfer.object-store.endpoint";
  public static final String OBJECT_STORE_ACCESS_KEY = "medxfer.object-store.access-key";
  public static final String OBJECT_STORE_BUCKET = "medxfer.object-store.bucket";
  public static final String HOME = "medxfer.home";
  public static final String STATE_DIR = "medxfer.state-dir";

  /** Environment variable for {@code quarkus.datasource.password}. */
  public static final String ENV_DATASOURCE_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";

  /** Environment variable for {@code medxfer.object-store.secret-key}. */
  public static final String ENV_OBJECT_STORE_SECRET_KEY = "MEDXFER_OBJECT_STORE_SECRET_KEY";

  /**
   * Environment variable for {@code medxfer.auth.public-key}: the gateway verifies users' tokens
   * with it.
   */
  public static final String ENV_AUTH_PUBLIC_KEY = "MEDXFER_AUTH_PUBLIC_KEY";

  /**
   * Environment variable for {@code medxfer.auth.internal-private-key}: the gateway signs the
   * platform's tokens to the internal services with it.
   */
  public static final String ENV_AUTH_INTERNAL_PRIVATE_KEY = "MEDXFER_AUTH_INTERNAL_PRIVATE_KEY";

  /**
   * Environment variable for {@code medxfer.auth.internal-public-key}: dataset-service,
   * evaluator-service and trainer-service verify the platform's tokens with it.
   */
  public static final String ENV_AUTH_INTERNAL_PUBLIC_KEY = "MEDXFER_AUTH_INTERNAL_PUBLIC_KEY";

  /** Keeps TensorFlow's native start-up chatter out of the trainer log. */
  public static final String ENV_TF_CPP_MIN_LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";

  private ServiceConfigKeys() {}

  /** {@code quarkus.grpc.clients.<client>.host}. */
  public static String grpcClientHost(String client) {
    return "quarkus.grpc.clients." + client + ".host";
  }

  /** {@code quarkus.grpc.clients.<client>.port}. */
  public static String grpcClientPort(String client) {
    return "quarkus.grpc.clients." + client + ".port";
  }
}
