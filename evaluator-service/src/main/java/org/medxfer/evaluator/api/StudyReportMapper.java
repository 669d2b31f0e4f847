package org.medxfer.evaluator.api;

import java.util.OptionalDouble;
import org.medxfer.evaluator.domain.ArmKey;
import org.medxfer.evaluator.domain.LearningCurvePoint;
import org.medxfer.evaluator.domain.ReferenceCheck;
import org.medxfer.evaluator.domain.ReferenceResult;
import org.medxfer.evaluator.domain.StudyReport;
import org.medxfer.evaluator.domain.TrialName;
import org.medxfer.proto.evaluation.v1.AcrossDatasetTest;
import org.medxfer.proto.evaluation.v1.ArmReport;
import org.medxfer.proto.evaluation.v1.CodeVersionCount;
import org.medxfer.proto.evaluation.v1.Convergence;
import org.medxfer.proto.evaluation.v1.CurvePoint;
import org.medxfer.proto.evaluation.v1.DeLongTest;
import org.medxfer.proto.evaluation.v1.InitComparison;
import org.medxfer.proto.evaluation.v1.LearningCurve;

/** A study report as the API returns it; an undefined mean (no trial to average) is sent as 0. */
public final class StudyReportMapper {

  private StudyReportMapper() {}

  public static org.medxfer.proto.evaluation.v1.StudyReport toProto(StudyReport report) {
    org.medxfer.proto.evaluation.v1.StudyReport.Builder proto =
        org.medxfer.proto.evaluation.v1.StudyReport.newBuilder()
            .setStudy(report.study().toString())
            .setTargetValAuc(report.settings().targetValAuc())
            .setBootstrapResamples(report.settings().resamples())
            .setBootstrapSeed(report.settings().seed())
            .setConfidence(report.settings().confidence());
    for (StudyReport.Arm arm : report.arms()) {
      StudyReport.ArmConvergence convergence = arm.convergence();
      proto.addArms(
          ArmReport.newBuilder()
              .setSummary(ComparisonMapper.toProto(arm.summary()))
              .setMeanAuprc(orZero(arm.meanAuprc()))
              .setMeanBalancedAccuracy(orZero(arm.meanBalancedAccuracy()))
              .setMeanF1(orZero(arm.meanF1()))
              .setMeanExpectedCalibrationError(orZero(arm.meanExpectedCalibrationError()))
              .addAllSeeds(arm.seeds())
              .setConvergence(
                  Convergence.newBuilder()
                      .setCurves(convergence.curves())
                      .setReached(convergence.reached())
                      .setMeanStepsToTarget(orZero(convergence.meanStepsToTarget()))
                      .setMeanSecondsToTarget(orZero(convergence.meanSecondsToTarget()))
                      .setMeanAreaUnderValCurve(orZero(convergence.meanAreaUnderValCurve()))
                      .setSpeedupOverRandom(orZero(convergence.speedupOverRandom()))));
    }
    for (StudyReport.InitComparison comparison : report.initComparisons()) {
      ArmKey cell = comparison.cell();
      InitComparison.Builder row =
          InitComparison.newBuilder()
              .setDataset(cell.dataset())
              .setArchitecture(cell.architecture())
              .setInit(TrialSpecMapper.toProto(comparison.init()))
              .setAdaptation(TrialSpecMapper.toProto(cell.adaptation()))
              .setLabelFraction(cell.labelFraction())
              .setResolution(cell.resolution())
              .addAllSeeds(comparison.seeds())
              .setDeltaAuc(comparison.interval().delta())
              .setLower(comparison.interval().lower())
              .setUpper(comparison.interval().upper())
              .setRedrawn(comparison.interval().redrawn());
      for (StudyReport.SeedDeLong test : comparison.delong()) {
        row.addDelong(
            DeLongTest.newBuilder()
                .setSeed(test.seed())
                .setAuc(test.result().aucA())
                .setRandomAuc(test.result().aucB())
                .setZ(test.result().z())
                .setPValue(test.result().pValue()));
      }
      proto.addInitComparisons(row);
    }
    for (StudyReport.Curve curve : report.curves()) {
      LearningCurve.Builder curveProto =
          LearningCurve.newBuilder()
              .setTrial(curve.trial().trial().toString())
              .setAttempt(curve.curve().attempt())
              .setSpec(TrialMetricsMapper.parseSpec(curve.trial()))
              .setTotalEpochs(curve.curve().totalEpochs());
      for (LearningCurvePoint point : curve.curve().points()) {
        curveProto.addPoints(
            CurvePoint.newBuilder()
                .setEpoch(point.epoch())
                .setSteps(point.steps())
                .setElapsedSeconds(point.elapsedSeconds())
                .setTrainLoss(point.trainLoss())
                .setValLoss(point.valLoss())
                .setValAuc(point.valAuc()));
      }
      proto.addLearningCurves(curveProto);
    }
    for (ReferenceCheck check : report.referenceChecks()) {
      proto.addReferenceChecks(
          org.medxfer.proto.evaluation.v1.ReferenceCheck.newBuilder()
              .setReference(toProto(check.reference()))
              .setObserved(check.observed())
              .setN(check.n())
              .setWithinTolerance(check.withinTolerance()));
    }
    for (StudyReport.AcrossDatasetTest test : report.acrossDatasets()) {
      proto.addAcrossDatasets(
          AcrossDatasetTest.newBuilder()
              .setTest(test.test())
              .setDescription(test.description())
              .setDatasets(test.datasets())
              .setStatistic(test.statistic())
              .setPValue(test.pValue())
              .setAdjustedPValue(test.adjustedPValue()));
    }
    for (StudyReport.TrialWarning warning : report.warnings()) {
      proto.addWarnings(
          TrialMetricsMapper.toProto(
              warning.warning(), warning.trial().map(TrialName::toString).orElse("")));
    }
    for (StudyReport.CodeVersionCount count : report.codeVersions()) {
      proto.addCodeVersions(
          CodeVersionCount.newBuilder()
              .setCodeVersion(count.codeVersion().orElse(""))
              .setTrials(count.trials()));
    }
    return proto.build();
  }

  private static org.medxfer.proto.evaluation.v1.ReferenceResult toProto(
      ReferenceResult reference) {
    return org.medxfer.proto.evaluation.v1.ReferenceResult.newBuilder()
        .setDataset(reference.dataset())
        .setProtocol(reference.protocol())
        .setArchitecture(reference.architecture())
        .setResolution(reference.resolution())
        .setLabelFraction(reference.labelFraction())
        .setInitKind(ProtoEnumMapper.toProto(reference.initKind()))
        .setMetric(reference.metric().name())
        .setValue(reference.value())
        .setTolerance(reference.tolerance())
        .setSource(reference.source())
        .build();
  }

  private static double orZero(OptionalDouble value) {
    return value.orElse(0);
  }
}
