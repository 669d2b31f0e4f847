package org.medxfer.dataset.api;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.testsupport.TestTokens;

/**
 * What the service's Quarkus tests share: a real gRPC channel to the service under test, calling as
 * the gateway would for project {@link TestTokens#PROJECT}, and the object store and database
 * behind it, to check what an import left there.
 */
abstract class DatasetServiceTestBase {

  @TestHTTPResource("/")
  URL serviceUrl;

  @Inject ObjectStore objectStore;

  @Inject DataSource dataSource;

  /** The connection itself: its calls carry no token. */
  ManagedChannel connection;

  /** Calls that act for {@link TestTokens#PROJECT}. */
  Channel channel;

  DatasetServiceGrpc.DatasetServiceBlockingStub datasets;

  @BeforeEach
  void connect() {
    connection =
        ManagedChannelBuilder.forAddress(serviceUrl.getHost(), serviceUrl.getPort())
            .usePlaintext()
            .build();
    channel = actingFor(TestTokens.PROJECT);
    datasets = DatasetServiceGrpc.newBlockingStub(channel);
  }

  /** Calls over the same connection that act for {@code project}. */
  Channel actingFor(String project) {
    return ClientInterceptors.intercept(connection, TestTokens.asPlatform(project));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
