package org.medxfer.evaluator.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.medxfer.evaluator.domain.ArmKey;
import org.medxfer.evaluator.domain.ArmSummary;
import org.medxfer.evaluator.domain.ComparisonFilter;
import org.medxfer.evaluator.domain.Factor;
import org.medxfer.evaluator.domain.FieldProblem;
import org.medxfer.evaluator.domain.InitKind;
import org.medxfer.evaluator.domain.InvalidRequestException;
import org.medxfer.evaluator.domain.Page;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.proto.evaluation.v1.ComparisonRow;
import org.medxfer.proto.evaluation.v1.StudyComparison;

/** A comparison request's factors in, its arms out. */
final class ComparisonMapper {

  private ComparisonMapper() {}

  /**
   * The requested factors, in request order.
   *
   * @throws InvalidRequestException naming {@code group_by[i]} for an unspecified or repeated one
   */
  static List<Factor> toFactors(List<org.medxfer.proto.evaluation.v1.Factor> groupBy) {
    List<FieldProblem> problems = new ArrayList<>();
    List<Factor> factors = new ArrayList<>();
    Set<Factor> seen = EnumSet.noneOf(Factor.class);
    for (int i = 0; i < groupBy.size(); i++) {
      String field = "group_by[" + i + "]";
      try {
        Factor factor = ProtoEnumMapper.toDomain(groupBy.get(i));
        if (!seen.add(factor)) {
          problems.add(new FieldProblem(field, groupBy.get(i) + " is listed more than once"));
        }
        factors.add(factor);
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem(field, "must be a factor, not " + groupBy.get(i)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return factors;
  }

  /**
   * The request's filter.
   *
   * @throws InvalidRequestException naming {@code filter.init_kinds[i]} for an unspecified kind
   */
  static ComparisonFilter toFilter(org.medxfer.proto.evaluation.v1.ComparisonFilter filter) {
    List<FieldProblem> problems = new ArrayList<>();
    List<InitKind> kinds = new ArrayList<>();
    for (int i = 0; i < filter.getInitKindsCount(); i++) {
      try {
        InitKind kind = ProtoEnumMapper.toDomain(filter.getInitKinds(i));
        if (kind == InitKind.UNSPECIFIED) {
          throw new IllegalArgumentException("unspecified");
        }
        kinds.add(kind);
      } catch (IllegalArgumentException e) {
        problems.add(
            new FieldProblem(
                "filter.init_kinds[" + i + "]",
                "must be an initialisation kind, not " + filter.getInitKinds(i)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new ComparisonFilter(
        filter.getDatasetsList(),
        filter.getArchitecturesList(),
        kinds,
        filter.getLabelFractionsList(),
        filter.getResolutionsList());
  }

  static StudyComparison toProto(StudyName study, List<Factor> groupBy, Page<ArmSummary> page) {
    StudyComparison.Builder comparison =
        StudyComparison.newBuilder()
            .setStudy(study.toString())
            .setNextPageToken(page.nextPageToken());
    for (Factor factor : groupBy.isEmpty() ? Factor.ALL : groupBy) {
      comparison.addGroupBy(ProtoEnumMapper.toProto(factor));
    }
    for (ArmSummary summary : page.items()) {
      comparison.addRows(toProto(summary));
    }
    return comparison.build();
  }

  static ComparisonRow toProto(ArmSummary summary) {
    ArmKey arm = summary.arm();
    ComparisonRow.Builder row =
        ComparisonRow.newBuilder()
            .setN(summary.n())
            .setMeanAuc(summary.meanAuc())
            .setSdAuc(summary.sdAuc())
            .setMeanAcc(summary.meanAcc())
            .setSdAcc(summary.sdAcc())
            .setMeanTrainingSeconds(summary.meanTrainingSeconds());
    if (arm.dataset() != null) {
      row.setDataset(arm.dataset());
    }
    if (arm.architecture() != null) {
      row.setArchitecture(arm.architecture());
    }
    if (arm.init() != null) {
      row.setInit(TrialSpecMapper.toProto(arm.init()));
    }
    if (arm.adaptation() != null) {
      row.setAdaptation(TrialSpecMapper.toProto(arm.adaptation()));
    }
    if (arm.labelFraction() != null) {
      row.setLabelFraction(arm.labelFraction());
    }
    if (arm.resolution() != null) {
      row.setResolution(arm.resolution());
    }
    return row.build();
  }
}
