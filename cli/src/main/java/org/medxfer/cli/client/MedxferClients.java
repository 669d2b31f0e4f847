package org.medxfer.cli.client;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
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

  private static ManagedChannel open(Endpoint endpoint) {
    // Plaintext is for the local stack on loopback; clusters put TLS in front (see the Helm chart).
    return ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port())
        .usePlaintext()
        .maxInboundMessageSize(64 * 1024 * 1024)
        .build();
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
