package org.medxfer.evaluator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medxfer.common.grpc.GrpcErrors;
import org.medxfer.evaluator.domain.DependencyUnavailableException;
import org.medxfer.evaluator.domain.Factor;
import org.medxfer.evaluator.domain.InvalidPredictionsException;
import org.medxfer.evaluator.domain.InvalidRequestException;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TrialMetricsNotFoundException;
import org.medxfer.evaluator.domain.TrialName;

class ErrorMappingTest {

  @Test
  void groupByProblemsNameTheirIndex() {
    List<org.medxfer.proto.evaluation.v1.Factor> groupBy =
        List.of(
            org.medxfer.proto.evaluation.v1.Factor.FACTOR_INIT,
            org.medxfer.proto.evaluation.v1.Factor.FACTOR_UNSPECIFIED,
            org.medxfer.proto.evaluation.v1.Factor.FACTOR_INIT);

    assertThatThrownBy(() -> ComparisonMapper.toFactors(groupBy))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly("group_by[1]", "group_by[2]"));
    assertThat(
            ComparisonMapper.toFactors(
                List.of(
                    org.medxfer.proto.evaluation.v1.Factor.FACTOR_RESOLUTION,
                    org.medxfer.proto.evaluation.v1.Factor.FACTOR_DATASET)))
        .containsExactly(Factor.RESOLUTION, Factor.DATASET);
  }

  @Test
  void invalidRequestsBecomeInvalidArgumentWithFieldViolations() {
    StatusRuntimeException status =
        ErrorStatusMapper.toStatus(new InvalidRequestException("parent", "not a study name"));

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(GrpcErrors.errorInfo(status))
        .map(ErrorInfo::getReason)
        .contains(ErrorStatusMapper.INVALID_REQUEST);
    assertThat(GrpcErrors.fieldViolations(status))
        .extracting(BadRequest.FieldViolation::getField)
        .containsExactly("parent");
  }

  @Test
  void missingMetricsBecomeNotFoundNamingTheResource() {
    StatusRuntimeException status =
        ErrorStatusMapper.toStatus(
            new TrialMetricsNotFoundException(new TrialName(new StudyName("s"), "t")));

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    ErrorInfo info = GrpcErrors.errorInfo(status).orElseThrow();
    assertThat(info.getReason()).isEqualTo(ErrorStatusMapper.TRIAL_METRICS_NOT_FOUND);
    assertThat(info.getDomain()).isEqualTo("medxfer.org");
    assertThat(info.getMetadataMap()).containsEntry("resource", "studies/s/trials/t/metrics");
  }

  @Test
  void outagesAreUnavailableAndBugsInternalWithoutDetails() {
    StatusRuntimeException unavailable =
        ErrorStatusMapper.toStatus(
            new DependencyUnavailableException("db down", new RuntimeException("secret detail")));
    StatusRuntimeException internal =
        ErrorStatusMapper.toStatus(new IllegalStateException("secret detail"));

    assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(internal.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(internal.getStatus().getDescription()).doesNotContain("secret");
    assertThat(unavailable.getStatus().getDescription()).doesNotContain("secret");
    assertThat(GrpcErrors.errorInfo(internal).map(ErrorInfo::getDomain)).contains("medxfer.org");
  }

  @Test
  void predictionsThatCannotBeComparedAreAFailedPreconditionSayingWhy() {
    StatusRuntimeException status =
        ErrorStatusMapper.toStatus(
            new InvalidPredictionsException(
                "a paired comparison needs both arms on the same test set"));

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getStatus().getDescription()).contains("same test set");
    assertThat(GrpcErrors.errorInfo(status).map(ErrorInfo::getReason))
        .contains(ErrorStatusMapper.PREDICTIONS_NOT_COMPARABLE);
  }
}
