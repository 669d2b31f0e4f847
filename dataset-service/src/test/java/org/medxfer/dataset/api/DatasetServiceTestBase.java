package org.medxfer.dataset.api;

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

/**
 * What the service's Quarkus tests share: a real gRPC channel to the service under test, and the
 * object store and database behind it, to check what an import left there.
 */
abstract class DatasetServiceTestBase {

  @TestHTTPResource("/")
  URL serviceUrl;

  @Inject ObjectStore objectStore;

  @Inject DataSource dataSource;

  ManagedChannel channel;
  DatasetServiceGrpc.DatasetServiceBlockingStub datasets;

  @BeforeEach
  void connect() {
    channel =
        ManagedChannelBuilder.forAddress(serviceUrl.getHost(), serviceUrl.getPort())
            .usePlaintext()
            .build();
    datasets = DatasetServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
