package org.medxfer.gateway.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import org.medxfer.common.grpc.Caller;
import org.medxfer.gateway.app.StudyAccess;
import org.medxfer.gateway.infra.evaluation.EvaluationServiceClient;
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
 * {@code medxfer.evaluation.v1.EvaluationService} at the gateway. Results belong to studies, and
 * the gateway owns the studies, so it checks the study first (malformed name: {@code
 * INVALID_ARGUMENT} on the field; no such study: {@code NOT_FOUND}; another project's: {@code
 * PERMISSION_DENIED}) and only then passes the call on to evaluator-service for the caller's
 * project. The check reads the database, hence worker threads.
 */
@GrpcService
@Blocking
public class EvaluationGrpcFacade extends EvaluationServiceGrpc.EvaluationServiceImplBase {

  private final StudyAccess access;
  private final EvaluationServiceClient evaluation;

  public EvaluationGrpcFacade(StudyAccess access, EvaluationServiceClient evaluation) {
    this.access = access;
    this.evaluation = evaluation;
  }

  @Override
  public void getTrialMetrics(
      GetTrialMetricsRequest request, StreamObserver<TrialMetrics> response) {
    String project = Caller.current().project();
    if (allowed(
        response,
        () -> access.requireExistingStudyOfTrialMetrics(request.getName(), "name", project))) {
      evaluation.getTrialMetrics(request, project, response);
    }
  }

  @Override
  public void listTrialMetrics(
      ListTrialMetricsRequest request, StreamObserver<ListTrialMetricsResponse> response) {
    String project = Caller.current().project();
    if (allowed(
        response, () -> access.requireExistingStudy(request.getParent(), "parent", project))) {
      evaluation.listTrialMetrics(request, project, response);
    }
  }

  @Override
  public void compareStudy(CompareStudyRequest request, StreamObserver<StudyComparison> response) {
    String project = Caller.current().project();
    if (allowed(
        response, () -> access.requireExistingStudy(request.getStudy(), "study", project))) {
      evaluation.compareStudy(request, project, response);
    }
  }

  @Override
  public void getStudyReport(GetStudyReportRequest request, StreamObserver<StudyReport> response) {
    String project = Caller.current().project();
    if (allowed(
        response, () -> access.requireExistingStudy(request.getStudy(), "study", project))) {
      evaluation.getStudyReport(request, project, response);
    }
  }

  /** Runs the study check; when it fails, answers with its error and returns false. */
  private static boolean allowed(StreamObserver<?> response, Runnable check) {
    try {
      check.run();
      return true;
    } catch (RuntimeException e) {
      response.onError(ErrorMapper.toStatus(e));
      return false;
    }
  }
}
