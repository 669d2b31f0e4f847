package org.medxfer.evaluator.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.List;
import java.util.function.Supplier;
import org.medxfer.evaluator.app.CompareStudy;
import org.medxfer.evaluator.app.GetTrialMetrics;
import org.medxfer.evaluator.app.ListTrialMetrics;
import org.medxfer.evaluator.app.ReportStudy;
import org.medxfer.evaluator.domain.ComparisonFilter;
import org.medxfer.evaluator.domain.Factor;
import org.medxfer.evaluator.domain.Page;
import org.medxfer.evaluator.domain.ReportSettings;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.EvaluationServiceGrpc;
import org.medxfer.proto.evaluation.v1.GetStudyReportRequest;
import org.medxfer.proto.evaluation.v1.GetTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.ListTrialMetricsResponse;
import org.medxfer.proto.evaluation.v1.StudyComparison;

/** {@code medxfer.evaluation.v1.EvaluationService}; every method reads PostgreSQL, so blocking. */
@GrpcService
@Blocking
public class EvaluationGrpcService extends EvaluationServiceGrpc.EvaluationServiceImplBase {

  private final GetTrialMetrics getTrialMetrics;
  private final ListTrialMetrics listTrialMetrics;
  private final CompareStudy compareStudy;
  private final ReportStudy reportStudy;

  EvaluationGrpcService(
      GetTrialMetrics getTrialMetrics,
      ListTrialMetrics listTrialMetrics,
      CompareStudy compareStudy,
      ReportStudy reportStudy) {
    this.getTrialMetrics = getTrialMetrics;
    this.listTrialMetrics = listTrialMetrics;
    this.compareStudy = compareStudy;
    this.reportStudy = reportStudy;
  }

  @Override
  public void getTrialMetrics(
      GetTrialMetricsRequest request,
      StreamObserver<org.medxfer.proto.evaluation.v1.TrialMetrics> response) {
    respond(
        response,
        () -> {
          TrialName trial = TrialName.parseMetricsName("name", request.getName());
          return TrialMetricsMapper.toProto(getTrialMetrics.get(trial));
        });
  }

  @Override
  public void listTrialMetrics(
      ListTrialMetricsRequest request, StreamObserver<ListTrialMetricsResponse> response) {
    respond(
        response,
        () -> {
          StudyName study = StudyName.parse("parent", request.getParent());
          Page<TrialMetrics> page =
              listTrialMetrics.list(study, request.getPageSize(), request.getPageToken());
          ListTrialMetricsResponse.Builder list =
              ListTrialMetricsResponse.newBuilder().setNextPageToken(page.nextPageToken());
          page.items()
              .forEach(metrics -> list.addTrialMetrics(TrialMetricsMapper.toProto(metrics)));
          return list.build();
        });
  }

  @Override
  public void compareStudy(CompareStudyRequest request, StreamObserver<StudyComparison> response) {
    respond(
        response,
        () -> {
          StudyName study = StudyName.parse("study", request.getStudy());
          List<Factor> groupBy = ComparisonMapper.toFactors(request.getGroupByList());
          ComparisonFilter filter = ComparisonMapper.toFilter(request.getFilter());
          return ComparisonMapper.toProto(
              study,
              groupBy,
              compareStudy.compare(
                  study, groupBy, filter, request.getPageSize(), request.getPageToken()));
        });
  }

  @Override
  public void getStudyReport(
      GetStudyReportRequest request,
      StreamObserver<org.medxfer.proto.evaluation.v1.StudyReport> response) {
    respond(
        response,
        () -> {
          StudyName study = StudyName.parse("study", request.getStudy());
          ReportSettings settings =
              ReportSettings.resolve(
                  request.getTargetValAuc(),
                  request.getBootstrapResamples(),
                  request.getBootstrapSeed(),
                  request.getConfidence());
          return StudyReportMapper.toProto(reportStudy.report(study, settings));
        });
  }

  private static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      response.onError(ErrorStatusMapper.toStatus(e));
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }
}
