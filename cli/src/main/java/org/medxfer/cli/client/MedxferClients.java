package org.medxfer.cli.client;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.medxfer.common.grpc.BearerTokenAttacher;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc;
import org.medxfer.proto.study.v1.StudyServiceGrpc;

/**
 * Stubs of the three APIs a user calls, all served by the gateway, medxfer's one public entry
 * point, over one channel that sends the user's bearer token with every call; closing it closes the
 * channel.
 */
public final class MedxferClients implements AutoCloseable {

  private final ManagedChannel channel;

  /**
   * @param gateway the gateway's address
   * @param token the bearer token sent with every call (see {@link UserToken})
   */
  public MedxferClients(Endpoint gateway, String token) {
    this.channel =
        builder(gateway)
            .intercept(new BearerTokenAttacher(token))
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
  }

  /** Studies. */
  public StudyServiceGrpc.StudyServiceBlockingStub studies() {
    return StudyServiceGrpc.newBlockingStub(channel);
  }

  /** Data sets of the caller's project, blocking calls. */
  public DatasetServiceGrpc.DatasetServiceBlockingStub datasets() {
    return DatasetServiceGrpc.newBlockingStub(channel);
  }

  /** Data sets, for the streamed upload. */
  public DatasetServiceGrpc.DatasetServiceStub datasetsAsync() {
    return DatasetServiceGrpc.newStub(channel);
  }

  /** Metrics, comparisons and reports of the caller's studies. */
  public EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation() {
    return EvaluationServiceGrpc.newBlockingStub(channel);
  }

  /**
   * Path of a PEM CA certificate: when set, the channel uses TLS and trusts only it (a release of
   * the Helm chart serves TLS only, from its Secret's {@code ca.crt}).
   */
  static final String TLS_CA_ENV = "MEDXFER_TLS_CA";

  /**
   * The name to check the server certificate against instead of the host dialled, for example
   * {@code medxfer-gateway} through {@code kubectl port-forward} to 127.0.0.1.
   */
  static final String TLS_AUTHORITY_ENV = "MEDXFER_TLS_AUTHORITY";

  private static ManagedChannelBuilder<?> builder(Endpoint endpoint) {
    String ca = System.getenv(TLS_CA_ENV);
    if (ca == null || ca.isBlank()) {
      // Plaintext is for the local stack on loopback.
      return ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext();
    }
    ManagedChannelBuilder<?> builder;
    try {
      builder =
          Grpc.newChannelBuilderForAddress(
              endpoint.host(),
              endpoint.port(),
              TlsChannelCredentials.newBuilder().trustManager(new File(ca)).build());
    } catch (IOException e) {
      throw new IllegalArgumentException(TLS_CA_ENV + ": cannot read " + ca + ": " + e, e);
    }
    String authority = System.getenv(TLS_AUTHORITY_ENV);
    if (authority != null && !authority.isBlank()) {
      builder.overrideAuthority(authority);
    }
    return builder;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
