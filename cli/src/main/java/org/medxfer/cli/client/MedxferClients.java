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

/** Channels and stubs to the three services a user talks to; closing it closes the channels. */
public final class MedxferClients implements AutoCloseable {

  private final ManagedChannel studyChannel;
  private final ManagedChannel datasetChannel;
  private final ManagedChannel evaluationChannel;

  public MedxferClients(Endpoints endpoints) {
    this.studyChannel = open(endpoints.gateway());
    this.datasetChannel = open(endpoints.datasets());
    this.evaluationChannel = open(endpoints.evaluation());
  }

  /** The gateway's study API. */
  public StudyServiceGrpc.StudyServiceBlockingStub studies() {
    return StudyServiceGrpc.newBlockingStub(studyChannel);
  }

  /** dataset-service, blocking calls. */
  public DatasetServiceGrpc.DatasetServiceBlockingStub datasets() {
    return DatasetServiceGrpc.newBlockingStub(datasetChannel);
  }

  /** dataset-service, for the streamed upload. */
  public DatasetServiceGrpc.DatasetServiceStub datasetsAsync() {
    return DatasetServiceGrpc.newStub(datasetChannel);
  }

  /** evaluator-service. */
  public EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation() {
    return EvaluationServiceGrpc.newBlockingStub(evaluationChannel);
  }

  /**
   * Path of a PEM CA certificate: when set, every channel uses TLS and trusts only it (a release of
   * the Helm chart serves TLS only, from its Secret's {@code ca.crt}).
   */
  static final String TLS_CA_ENV = "MEDXFER_TLS_CA";

  /**
   * The name to check the server certificate against instead of the host dialled, for example
   * {@code medxfer-gateway} through {@code kubectl port-forward} to 127.0.0.1.
   */
  static final String TLS_AUTHORITY_ENV = "MEDXFER_TLS_AUTHORITY";

  /**
   * A bearer token sent with every call (a release of the Helm chart verifies one on each gateway
   * call); the local stack runs without verification, so none is needed there.
   */
  static final String TOKEN_ENV = "MEDXFER_TOKEN";

  private static ManagedChannel open(Endpoint endpoint) {
    ManagedChannelBuilder<?> builder = builder(endpoint);
    String token = System.getenv(TOKEN_ENV);
    if (token != null && !token.isBlank()) {
      builder.intercept(new BearerTokenAttacher(token.strip()));
    }
    return builder.maxInboundMessageSize(64 * 1024 * 1024).build();
  }

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
    for (ManagedChannel channel :
        new ManagedChannel[] {studyChannel, datasetChannel, evaluationChannel}) {
      channel.shutdown();
    }
    for (ManagedChannel channel :
        new ManagedChannel[] {studyChannel, datasetChannel, evaluationChannel}) {
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
}
