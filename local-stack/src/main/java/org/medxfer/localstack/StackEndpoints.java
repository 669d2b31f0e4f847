package org.medxfer.localstack;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach a running stack: what the services are given, and what a test or the CLI needs to
 * talk to the same servers. {@link #toString()} leaves the secrets out, so the record can be
 * logged.
 *
 * @param kafkaBootstrapServers Kafka bootstrap address, {@code 127.0.0.1:port}
 * @param jdbcUrl JDBC URL of the {@code medxfer} database
 * @param databaseUser owner of the database and of every service schema
 * @param databasePassword password of {@code databaseUser}; random per start
 * @param s3Endpoint S3 API base URL
 * @param s3AccessKey S3 access key (identity); random per start
 * @param s3SecretKey S3 secret key (credential); random per start
 * @param bucket the bucket the services use
 * @param servicePorts HTTP and gRPC port of each started service, by component id
 */
public record StackEndpoints(
    String kafkaBootstrapServers,
    String jdbcUrl,
    String databaseUser,
    String databasePassword,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String bucket,
    Map<String, Integer> servicePorts) {

  public StackEndpoints {
    servicePorts = Map.copyOf(servicePorts);
  }

  /** The same endpoints with the port of one more service. */
  StackEndpoints withServicePort(Component service, int port) {
    Map<String, Integer> ports = new TreeMap<>(servicePorts);
    ports.put(service.id(), port);
    return new StackEndpoints(
        kafkaBootstrapServers,
        jdbcUrl,
        databaseUser,
        databasePassword,
        s3Endpoint,
        s3AccessKey,
        s3SecretKey,
        bucket,
        ports);
  }

  @Override
  public String toString() {
    return "StackEndpoints[kafkaBootstrapServers="
        + kafkaBootstrapServers
        + ", jdbcUrl="
        + jdbcUrl
        + ", databaseUser="
        + databaseUser
        + ", s3Endpoint="
        + s3Endpoint
        + ", s3AccessKey="
        + s3AccessKey
        + ", bucket="
        + bucket
        + ", servicePorts="
        + new TreeMap<>(servicePorts)
        + "]";
  }
}
