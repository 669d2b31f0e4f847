package org.medxfer.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medxfer.gateway.domain.Adaptation;
import org.medxfer.gateway.domain.AdaptationKind;
import org.medxfer.gateway.domain.Augmentation;
import org.medxfer.gateway.domain.ConvBlock;
import org.medxfer.gateway.domain.CustomCnn;
import org.medxfer.gateway.domain.InitKind;
import org.medxfer.gateway.domain.Initialization;
import org.medxfer.gateway.domain.Normalization;
import org.medxfer.gateway.domain.OptimizerKind;
import org.medxfer.gateway.domain.PoolKind;
import org.medxfer.gateway.domain.Precision;
import org.medxfer.gateway.domain.ResizeMode;
import org.medxfer.gateway.domain.Schedule;
import org.medxfer.gateway.domain.ScheduleKind;
import org.medxfer.gateway.domain.StudyDefaults;
import org.medxfer.gateway.domain.StudyDefinition;
import org.medxfer.gateway.domain.StudyFields;
import org.medxfer.gateway.domain.TrainingSettings;
import org.medxfer.gateway.domain.UnrunnablePolicy;
import org.medxfer.proto.study.v1.StudySpec;

/**
 * {@link StudyDefinition} to and from {@code medxfer.study.v1.StudySpec}, the typed form of a
 * study. Proto3 cannot tell an unset field from a zero, so empty lists and zeros get the study
 * file's defaults; unset enum kinds become null, which the validator reports.
 */
public final class StudySpecMapper {

  /** The request field of the study's display name when a spec is given. */
  public static final String DISPLAY_NAME_FIELD = "display_name";

  // Study-file paths whose spec spelling differs, longest first; the rest only gain "spec.".
  private static final List<String[]> SPEC_SPELLINGS =
      List.of(
          new String[] {StudyFields.TRAINING_PATIENCE, "training.early_stopping_patience"},
          new String[] {StudyFields.training(StudyFields.LEARNING_RATE), "training.learning_rate"},
          new String[] {StudyFields.BUDGET_MAX_TRIALS, "max_trials"},
          new String[] {"budget.max_attempts", "max_attempts"},
          new String[] {"budget.trial_timeout_minutes", "trial_timeout_minutes"},
          new String[] {"training.backbone_lr", "training.backbone_learning_rate"},
          new String[] {
            "training.augmentation.max_rotation", "training.augmentation.max_rotation_degrees"
          },
          new String[] {"training.schedule.type", "training.schedule.kind"},
          new String[] {StudyFields.FRACTIONS, "label_fractions"});

  private StudySpecMapper() {}

  /** The spec of a definition. */
  public static StudySpec toProto(StudyDefinition study) {
    StudySpec.Builder spec =
        StudySpec.newBuilder()
            .addAllDatasets(study.datasets())
            .addAllArchitectures(study.architectures())
            .addAllLabelFractions(study.labelFractions())
            .addAllResolutions(study.resolutions())
            .addAllSeeds(study.seeds())
            .setTraining(toProto(study.training()))
            .setMaxTrials(study.maxTrials())
            .setResize(toProto(study.resize()))
            .setUnrunnable(
                study.unrunnable() == UnrunnablePolicy.SKIP
                    ? org.medxfer.proto.study.v1.UnrunnablePolicy.UNRUNNABLE_POLICY_SKIP
                    : org.medxfer.proto.study.v1.UnrunnablePolicy.UNRUNNABLE_POLICY_FAIL)
            .setMaxAttempts(study.maxAttempts())
            .setTrialTimeoutMinutes(study.trialTimeoutMinutes());
    study
        .customArchitectures()
        .forEach((name, cnn) -> spec.putCustomArchitectures(name, toProto(cnn)));
    study.inits().forEach(init -> spec.addInits(toProto(init)));
    study.adaptations().forEach(adaptation -> spec.addAdaptations(toProto(adaptation)));
    return spec.build();
  }

  /** The definition of a spec, with study-file defaults for what it leaves unset. */
  public static StudyDefinition toDomain(StudySpec spec, String displayName) {
    return new StudyDefinition(
        displayName,
        spec.getDatasetsList(),
        spec.getArchitecturesList(),
        spec.getInitsList().stream().map(StudySpecMapper::toDomain).toList(),
        orDefault(
            spec.getAdaptationsList().stream().map(StudySpecMapper::toDomain).toList(),
            StudyDefaults.ADAPTATIONS),
        orDefault(spec.getLabelFractionsList(), StudyDefaults.LABEL_FRACTIONS),
        orDefault(spec.getResolutionsList(), StudyDefaults.RESOLUTIONS),
        toDomain(spec.getResize()),
        orDefault(spec.getSeedsList(), StudyDefaults.SEEDS),
        toDomain(spec.getTraining()),
        spec.getMaxTrials() == 0 ? StudyDefaults.MAX_TRIALS : spec.getMaxTrials(),
        customArchitectures(spec),
        spec.getUnrunnable() == org.medxfer.proto.study.v1.UnrunnablePolicy.UNRUNNABLE_POLICY_SKIP
            ? UnrunnablePolicy.SKIP
            : UnrunnablePolicy.FAIL,
        spec.getMaxAttempts() == 0 ? StudyDefaults.MAX_ATTEMPTS : spec.getMaxAttempts(),
        spec.getTrialTimeoutMinutes() == 0
            ? StudyDefaults.TRIAL_TIMEOUT_MINUTES
            : spec.getTrialTimeoutMinutes());
  }

  private static Map<String, CustomCnn> customArchitectures(StudySpec spec) {
    // Proto maps do not keep order; names sort so that a stored spec reads back the same.
    Map<String, CustomCnn> out = new LinkedHashMap<>();
    spec.getCustomArchitecturesMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> out.put(entry.getKey(), toDomain(entry.getValue())));
    return out;
  }

  /** The proto form of a custom CNN. */
  public static org.medxfer.proto.trial.v1.CustomCnn toProto(CustomCnn cnn) {
    org.medxfer.proto.trial.v1.CustomCnn.Builder proto =
        org.medxfer.proto.trial.v1.CustomCnn.newBuilder().setDropout(cnn.dropout());
    for (ConvBlock block : cnn.blocks()) {
      proto.addBlocks(
          org.medxfer.proto.trial.v1.ConvBlock.newBuilder()
              .setFilters(block.filters())
              .setKernelSize(block.kernelSize())
              .setConvs(block.convs())
              .setBatchNorm(block.batchNorm())
              .setPool(
                  switch (block.pool()) {
                    case MAX -> org.medxfer.proto.trial.v1.PoolKind.POOL_KIND_MAX;
                    case AVERAGE -> org.medxfer.proto.trial.v1.PoolKind.POOL_KIND_AVERAGE;
                    case NONE -> org.medxfer.proto.trial.v1.PoolKind.POOL_KIND_NONE;
                  }));
    }
    return proto.build();
  }

  /** A custom CNN from its proto form; zeros get the documented defaults. */
  public static CustomCnn toDomain(org.medxfer.proto.trial.v1.CustomCnn cnn) {
    return new CustomCnn(
        cnn.getBlocksList().stream()
            .map(
                block ->
                    new ConvBlock(
                        block.getFilters(),
                        block.getKernelSize() == 0 ? 3 : block.getKernelSize(),
                        block.getConvs() == 0 ? 1 : block.getConvs(),
                        block.getBatchNorm(),
                        switch (block.getPool()) {
                          case POOL_KIND_MAX -> PoolKind.MAX;
                          case POOL_KIND_AVERAGE -> PoolKind.AVERAGE;
                          default -> PoolKind.NONE;
                        }))
            .toList(),
        cnn.getDropout());
  }

  /**
   * The request field a study-file path names in a CreateStudyRequest with a spec: {@code
   * training.lr} is {@code spec.training.learning_rate}, {@code name} is {@code display_name}.
   */
  public static String specFieldPath(String studyFilePath) {
    if (studyFilePath.equals(StudyFields.NAME)) {
      return DISPLAY_NAME_FIELD;
    }
    for (String[] spelling : SPEC_SPELLINGS) {
      if (studyFilePath.equals(spelling[0])
          || studyFilePath.startsWith(spelling[0] + "[")
          || studyFilePath.startsWith(spelling[0] + ".")) {
        return "spec." + spelling[1] + studyFilePath.substring(spelling[0].length());
      }
    }
    if (studyFilePath.matches("adaptations\\[\\d+]\\.up_to_block")) {
      return "spec." + studyFilePath.replace(".up_to_block", ".freeze_up_to_block");
    }
    return "spec." + studyFilePath;
  }

  static org.medxfer.proto.trial.v1.TrainingSettings toProto(TrainingSettings training) {
    Schedule schedule = training.schedule();
    Augmentation augmentation = training.augmentation();
    org.medxfer.proto.trial.v1.TrainingSettings.Builder proto =
        org.medxfer.proto.trial.v1.TrainingSettings.newBuilder()
            .setEpochs(training.epochs())
            .setBatchSize(training.batchSize())
            .setOptimizer(toProto(training.optimizer()))
            .setLearningRate(training.learningRate())
            .setEarlyStoppingPatience(training.earlyStoppingPatience())
            .setMomentum(training.momentum())
            .setSchedule(
                org.medxfer.proto.trial.v1.Schedule.newBuilder()
                    .setKind(
                        switch (schedule.kind()) {
                          case CONSTANT ->
                              org.medxfer.proto.trial.v1.ScheduleKind.SCHEDULE_KIND_CONSTANT;
                          case STEP -> org.medxfer.proto.trial.v1.ScheduleKind.SCHEDULE_KIND_STEP;
                          case COSINE ->
                              org.medxfer.proto.trial.v1.ScheduleKind.SCHEDULE_KIND_COSINE;
                        })
                    .addAllMilestones(schedule.milestones())
                    .setGamma(schedule.gamma()))
            .setPrecision(
                training.precision() == Precision.BF16_MIXED
                    ? org.medxfer.proto.trial.v1.Precision.PRECISION_BF16_MIXED
                    : org.medxfer.proto.trial.v1.Precision.PRECISION_FP32)
            .setNormalization(
                switch (training.normalization()) {
                  case MATCHED ->
                      org.medxfer.proto.trial.v1.Normalization.NORMALIZATION_UNSPECIFIED;
                  case IMAGENET -> org.medxfer.proto.trial.v1.Normalization.NORMALIZATION_IMAGENET;
                  case DATASET -> org.medxfer.proto.trial.v1.Normalization.NORMALIZATION_DATASET;
                })
            .setWeightDecay(training.weightDecay());
    if (!augmentation.equals(Augmentation.NONE)) {
      proto.setAugmentation(
          org.medxfer.proto.trial.v1.Augmentation.newBuilder()
              .setHorizontalFlip(augmentation.horizontalFlip())
              .setVerticalFlip(augmentation.verticalFlip())
              .setMaxShift(augmentation.maxShift())
              .setMaxRotationDegrees(augmentation.maxRotationDegrees()));
    }
    if (training.backboneLearningRate() != null) {
      proto.setBackboneLearningRate(training.backboneLearningRate());
    }
    return proto.build();
  }

  static TrainingSettings toDomain(org.medxfer.proto.trial.v1.TrainingSettings training) {
    org.medxfer.proto.trial.v1.Schedule schedule = training.getSchedule();
    org.medxfer.proto.trial.v1.Augmentation augmentation = training.getAugmentation();
    return new TrainingSettings(
        training.getEpochs(),
        training.getBatchSize() == 0 ? StudyDefaults.BATCH_SIZE : training.getBatchSize(),
        toDomain(training.getOptimizer()),
        training.getLearningRate() == 0.0
            ? StudyDefaults.LEARNING_RATE
            : training.getLearningRate(),
        training.getEarlyStoppingPatience(),
        training.getMomentum(),
        new Schedule(
            switch (schedule.getKind()) {
              case SCHEDULE_KIND_STEP -> ScheduleKind.STEP;
              case SCHEDULE_KIND_COSINE -> ScheduleKind.COSINE;
              default -> ScheduleKind.CONSTANT;
            },
            schedule.getMilestonesList(),
            schedule.getGamma()),
        new Augmentation(
            augmentation.getHorizontalFlip(),
            augmentation.getVerticalFlip(),
            augmentation.getMaxShift(),
            augmentation.getMaxRotationDegrees()),
        training.getPrecision() == org.medxfer.proto.trial.v1.Precision.PRECISION_BF16_MIXED
            ? Precision.BF16_MIXED
            : Precision.FP32,
        training.hasBackboneLearningRate() ? training.getBackboneLearningRate() : null,
        switch (training.getNormalization()) {
          case NORMALIZATION_IMAGENET -> Normalization.IMAGENET;
          case NORMALIZATION_DATASET -> Normalization.DATASET;
          default -> Normalization.MATCHED;
        },
        training.getWeightDecay());
  }

  static org.medxfer.proto.trial.v1.Initialization toProto(Initialization init) {
    return org.medxfer.proto.trial.v1.Initialization.newBuilder()
        .setKind(toProto(init.kind()))
        .setWeights(init.weights())
        .setUpToBlock(init.upToBlock())
        .setSourceTrial(init.sourceTrial())
        .build();
  }

  static Initialization toDomain(org.medxfer.proto.trial.v1.Initialization init) {
    return new Initialization(
        toDomain(init.getKind()), init.getWeights(), init.getUpToBlock(), init.getSourceTrial());
  }

  static org.medxfer.proto.trial.v1.Adaptation toProto(Adaptation adaptation) {
    return org.medxfer.proto.trial.v1.Adaptation.newBuilder()
        .setKind(toProto(adaptation.kind()))
        .setFreezeUpToBlock(adaptation.upToBlock())
        .setLinearProbeEpochs(adaptation.linearProbeEpochs())
        .build();
  }

  static Adaptation toDomain(org.medxfer.proto.trial.v1.Adaptation adaptation) {
    return new Adaptation(
        toDomain(adaptation.getKind()),
        adaptation.getFreezeUpToBlock(),
        adaptation.getLinearProbeEpochs());
  }

  static org.medxfer.proto.trial.v1.InitKind toProto(InitKind kind) {
    if (kind == null) {
      return org.medxfer.proto.trial.v1.InitKind.INIT_KIND_UNSPECIFIED;
    }
    return switch (kind) {
      case RANDOM -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_RANDOM;
      case IMAGENET -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_IMAGENET;
      case MEAN_VAR -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_MEAN_VAR;
      case PARTIAL -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_PARTIAL;
      case CHECKPOINT -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_TRIAL_CHECKPOINT;
    };
  }

  static InitKind toDomain(org.medxfer.proto.trial.v1.InitKind kind) {
    return switch (kind) {
      case INIT_KIND_RANDOM -> InitKind.RANDOM;
      case INIT_KIND_IMAGENET -> InitKind.IMAGENET;
      case INIT_KIND_MEAN_VAR -> InitKind.MEAN_VAR;
      case INIT_KIND_PARTIAL -> InitKind.PARTIAL;
      case INIT_KIND_TRIAL_CHECKPOINT -> InitKind.CHECKPOINT;
      default -> null;
    };
  }

  static org.medxfer.proto.trial.v1.AdaptationKind toProto(AdaptationKind kind) {
    if (kind == null) {
      return org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_UNSPECIFIED;
    }
    return switch (kind) {
      case FULL -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_FULL;
      case LINEAR_PROBE -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_LINEAR_PROBE;
      case FREEZE_UP_TO_BLOCK ->
          org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_FREEZE_UP_TO_BLOCK;
      case LP_FT -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_LP_FT;
    };
  }

  static AdaptationKind toDomain(org.medxfer.proto.trial.v1.AdaptationKind kind) {
    return switch (kind) {
      case ADAPTATION_KIND_FULL -> AdaptationKind.FULL;
      case ADAPTATION_KIND_LINEAR_PROBE -> AdaptationKind.LINEAR_PROBE;
      case ADAPTATION_KIND_FREEZE_UP_TO_BLOCK -> AdaptationKind.FREEZE_UP_TO_BLOCK;
      case ADAPTATION_KIND_LP_FT -> AdaptationKind.LP_FT;
      default -> null;
    };
  }

  static org.medxfer.proto.trial.v1.ResizeMode toProto(ResizeMode mode) {
    return mode == ResizeMode.PAD
        ? org.medxfer.proto.trial.v1.ResizeMode.RESIZE_MODE_PAD
        : org.medxfer.proto.trial.v1.ResizeMode.RESIZE_MODE_BILINEAR;
  }

  // RESIZE_MODE_UNSPECIFIED is documented as bilinear.
  static ResizeMode toDomain(org.medxfer.proto.trial.v1.ResizeMode mode) {
    return mode == org.medxfer.proto.trial.v1.ResizeMode.RESIZE_MODE_PAD
        ? ResizeMode.PAD
        : ResizeMode.BILINEAR;
  }

  static org.medxfer.proto.trial.v1.OptimizerKind toProto(OptimizerKind optimizer) {
    return optimizer == OptimizerKind.SGD
        ? org.medxfer.proto.trial.v1.OptimizerKind.OPTIMIZER_KIND_SGD
        : org.medxfer.proto.trial.v1.OptimizerKind.OPTIMIZER_KIND_ADAM;
  }

  // OPTIMIZER_KIND_UNSPECIFIED is documented as Adam.
  static OptimizerKind toDomain(org.medxfer.proto.trial.v1.OptimizerKind optimizer) {
    return optimizer == org.medxfer.proto.trial.v1.OptimizerKind.OPTIMIZER_KIND_SGD
        ? OptimizerKind.SGD
        : OptimizerKind.ADAM;
  }

  private static <T> List<T> orDefault(List<T> values, List<T> defaults) {
    return values.isEmpty() ? defaults : values;
  }
}
