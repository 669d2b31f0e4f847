package org.medxfer.gateway.infra.evaluation;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.medxfer.gateway.config.GatewayConfig;
import org.medxfer.gateway.infra.auth.PlatformCredentials;
import org.medxfer.gateway.infra.grpc.Upstream;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc;
import org.medxfer.proto.evaluation.v1.GetStudyReportRequest;
import org.medxfer.proto.evaluation.v1.GetTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsResponse;
import org.medxfer.proto.evaluation.v1.StudyComparison;
import org.medxfer.proto.evaluation.v1.StudyReport;
import org.medxfer.proto.evaluation.v1.TrialMetrics;

/**
 * evaluator-service's API as the gateway passes it on for its callers, once they were let into the
 * study: each call carries a service token of the caller's project, and answers and errors come
 * back unchanged ({@link Upstream}).
 */
@ApplicationScoped
public class EvaluationServiceClient {

  /** ErrorInfo reason when evaluator-service does not answer. */
  public static final String EVALUATOR_SERVICE_UNAVAILABLE = "EVALUATOR_SERVICE_UNAVAILABLE";

  private static final Upstream EVALUATOR_SERVICE =
      new Upstream("evaluator-service", EVALUATOR_SERVICE_UNAVAILABLE);

  private final EvaluationServiceGrpc.EvaluationServiceStub evaluation;
  private final PlatformCredentials credentials;
  private final GatewayConfig config;

  public EvaluationServiceClient(
      @GrpcClient("evaluation") Channel channel,
      PlatformCredentials credentials,
      GatewayConfig config) {
    // Quarkus injects only blocking and Mutiny stubs; the async stub rides on the same channel.
    this.evaluation = EvaluationServiceGrpc.newStub(channel);
    this.credentials = credentials;
    this.config = config;
  }

  public void getTrialMetrics(
      GetTrialMetricsRequest request, String project, StreamObserver<TrialMetrics> answer) {
    stub(project).getTrialMetrics(request, EVALUATOR_SERVICE.answerTo(answer));
  }

  public void listTrialMetrics(
      ListTrialMetricsRequest request,
      String project,
      StreamObserver<ListTrialMetricsResponse> answer) {
    stub(project).listTrialMetrics(request, EVALUATOR_SERVICE.answerTo(answer));
  }

  public void compareStudy(
      CompareStudyRequest request, String project, StreamObserver<StudyComparison> answer) {
    stub(project).compareStudy(request, EVALUATOR_SERVICE.answerTo(answer));
  }

  public void getStudyReport(
      GetStudyReportRequest request, String project, StreamObserver<StudyReport> answer) {
    stub(project).getStudyReport(request, EVALUATOR_SERVICE.answerTo(answer));
  }

  private EvaluationServiceGrpc.EvaluationServiceStub stub(String project) {
    return credentials
        .actingFor(evaluation, project)
        .withDeadlineAfter(config.evaluation().deadline().toMillis(), TimeUnit.MILLISECONDS);
  }
}
