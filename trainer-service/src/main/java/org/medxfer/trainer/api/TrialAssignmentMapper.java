package org.medxfer.trainer.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.medxfer.proto.trial.v1.DataLocation;
import org.medxfer.proto.trial.v1.OptimizerKind;
import org.medxfer.proto.trial.v1.Precision;
import org.medxfer.proto.trial.v1.ResizeMode;
import org.medxfer.proto.trial.v1.Schedule;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialSpec;
import org.medxfer.trainer.domain.Adaptation;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.Augmentation;
import org.medxfer.trainer.domain.CustomCnnDesign;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.LearningRateSchedule;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingOptions;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.TrialRun;

/**
 * A {@code TrialAssignment} to the trial this trainer runs. Everything this trainer cannot honour
 * fails here, before any data is read: {@link FailureReason#UNSUPPORTED_ARCHITECTURE} for an
 * unknown architecture, {@link FailureReason#INVALID_SPEC} (listing every problem) for the rest.
 */
public final class TrialAssignmentMapper {

  private final BiPredicate<Architecture, String> knownWeights;

  /**
   * @param knownWeights whether a weights-registry name is registered for an architecture
   */
  public TrialAssignmentMapper(BiPredicate<Architecture, String> knownWeights) {
    this.knownWeights = knownWeights;
  }

  public TrialRun toTrialRun(TrialAssignment assignment) {
    List<String> problems = new ArrayList<>();
    TrialSpec spec = assignment.getSpec();
    DataLocation data = assignment.getData();
    TrainingSettings training = spec.getTraining();
    if (assignment.getTrial().isEmpty()) {
      problems.add("trial is empty");
    }
    if (assignment.getAttempt() < 1) {
      problems.add("attempt must be at least 1, got " + assignment.getAttempt());
    }
    if (assignment.getOutputPrefix().isEmpty()) {
      problems.add("output_prefix is empty");
    }
    if (data.getTrainShardKey().isEmpty()
        || data.getValShardKey().isEmpty()
        || data.getTestShardKey().isEmpty()) {
      problems.add("data needs train, val and test shard keys");
    }
    int channels = data.getImageShape().getChannels();
    if (channels != 1 && channels != 3) {
      problems.add("data.image_shape.channels must be 1 or 3, got " + channels);
    }
    // A custom CNN travels as its design; `architecture` is then only the study's name for it.
    Architecture architecture =
        spec.hasCustomCnn() ? Architecture.CUSTOM_CNN : Architecture.fromId(spec.getArchitecture());
    Initialization initialization = initialization(spec, architecture, problems);
    TaskType taskType = taskType(data, problems);
    TrainingOptions options = options(spec, problems);
    CustomCnnDesign customCnn =
        spec.hasCustomCnn()
            ? collect(problems, () -> CustomCnnMapper.toDesign(spec.getCustomCnn()))
            : null;
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    if (customCnn != null) {
      options = options.withCustomCnn(customCnn);
    }
    // proto3 cannot tell an unset label_fraction from 0, and 0 is not a valid fraction.
    double labelFraction = spec.getLabelFraction() == 0 ? 1.0 : spec.getLabelFraction();
    TrainingSpec trainingSpec =
        new TrainingSpec(
            architecture,
            initialization,
            training.getEpochs(),
            training.getBatchSize(),
            training.getLearningRate(),
            spec.getSeed(),
            spec.getResolution(),
            data.getNumClasses(),
            taskType,
            labelFraction,
            training.getEarlyStoppingPatience(),
            options);
    return new TrialRun(assignment.getTrial(), assignment.getAttempt(), trainingSpec, channels);
  }

  private Initialization initialization(
      TrialSpec spec, Architecture architecture, List<String> problems) {
    switch (spec.getInit().getKind()) {
      case INIT_KIND_RANDOM:
        return Initialization.RANDOM;
      case INIT_KIND_IMAGENET:
        checkWeights(spec, architecture, problems);
        return Initialization.IMAGENET;
      case INIT_KIND_MEAN_VAR:
        checkWeights(spec, architecture, problems);
        return Initialization.MEAN_VAR;
      case INIT_KIND_PARTIAL:
        checkWeights(spec, architecture, problems);
        if (spec.getInit().getUpToBlock() < 1) {
          problems.add(
              "init.up_to_block must be at least 1 for INIT_KIND_PARTIAL, got "
                  + spec.getInit().getUpToBlock());
        }
        return Initialization.PARTIAL;
      case INIT_KIND_TRIAL_CHECKPOINT:
        if (spec.getInit().getSourceTrial().isEmpty()) {
          problems.add("init.source_trial is required for INIT_KIND_TRIAL_CHECKPOINT");
        }
        return Initialization.TRIAL_CHECKPOINT;
      default:
        problems.add("init.kind " + spec.getInit().getKind() + " is not a known initialisation");
        return Initialization.RANDOM;
    }
  }

  private void checkWeights(TrialSpec spec, Architecture architecture, List<String> problems) {
    String weights = spec.getInit().getWeights();
    if (!weights.isEmpty() && !knownWeights.test(architecture, weights)) {
      problems.add("init.weights '" + weights + "' is not registered for " + architecture.id());
    }
  }

  /** The options of {@code spec}, or null; each failed domain check becomes one of the problems. */
  private static TrainingOptions options(TrialSpec spec, List<String> problems) {
    TrainingSettings training = spec.getTraining();
    Adaptation adaptation = collect(problems, () -> adaptation(spec.getAdaptation()));
    LearningRateSchedule schedule = collect(problems, () -> schedule(training.getSchedule()));
    Augmentation augmentation =
        collect(
            problems,
            () ->
                new Augmentation(
                    training.getAugmentation().getHorizontalFlip(),
                    training.getAugmentation().getVerticalFlip(),
                    training.getAugmentation().getMaxShift(),
                    training.getAugmentation().getMaxRotationDegrees()));
    if (adaptation == null || schedule == null || augmentation == null) {
      adaptation = org.medxfer.trainer.domain.Adaptation.FULL;
      schedule = LearningRateSchedule.CONSTANT;
      augmentation = Augmentation.NONE;
    }
    Adaptation checkedAdaptation = adaptation;
    LearningRateSchedule checkedSchedule = schedule;
    Augmentation checkedAugmentation = augmentation;
    return collect(
        problems, () -> options(spec, checkedAdaptation, checkedSchedule, checkedAugmentation));
  }

  private static TrainingOptions options(
      TrialSpec spec,
      Adaptation adaptation,
      LearningRateSchedule schedule,
      Augmentation augmentation) {
    TrainingSettings training = spec.getTraining();
    return new TrainingOptions(
        spec.getInit().getUpToBlock(),
        spec.getInit().getSourceTrial(),
        adaptation,
        training.getOptimizer() == OptimizerKind.OPTIMIZER_KIND_SGD
            ? TrainingOptions.Optimizer.SGD
            : TrainingOptions.Optimizer.ADAM,
        training.getMomentum(),
        training.hasBackboneLearningRate() ? training.getBackboneLearningRate() : Double.NaN,
        training.getWeightDecay(),
        schedule,
        augmentation,
        spec.getResize() == ResizeMode.RESIZE_MODE_PAD
            ? TrainingOptions.ResizeMode.PAD
            : TrainingOptions.ResizeMode.BILINEAR,
        switch (training.getNormalization()) {
          case NORMALIZATION_IMAGENET -> TrainingOptions.Normalization.IMAGENET;
          case NORMALIZATION_DATASET -> TrainingOptions.Normalization.DATASET;
          default -> TrainingOptions.Normalization.MATCHED;
        },
        training.getPrecision() == Precision.PRECISION_BF16_MIXED
            ? TrainingOptions.Precision.BF16_MIXED
            : TrainingOptions.Precision.FP32,
        null);
  }

  private static Adaptation adaptation(org.medxfer.proto.trial.v1.Adaptation adaptation) {
    Adaptation.Kind kind =
        switch (adaptation.getKind()) {
          case ADAPTATION_KIND_FULL -> Adaptation.Kind.FULL;
          case ADAPTATION_KIND_LINEAR_PROBE -> Adaptation.Kind.LINEAR_PROBE;
          case ADAPTATION_KIND_FREEZE_UP_TO_BLOCK -> Adaptation.Kind.FREEZE_UP_TO_BLOCK;
          case ADAPTATION_KIND_LP_FT -> Adaptation.Kind.LP_FT;
          default ->
              throw new TrialFailedException(
                  FailureReason.INVALID_SPEC,
                  "adaptation.kind " + adaptation.getKind() + " is not a known adaptation");
        };
    return new Adaptation(kind, adaptation.getFreezeUpToBlock(), adaptation.getLinearProbeEpochs());
  }

  private static LearningRateSchedule schedule(Schedule schedule) {
    return switch (schedule.getKind()) {
      case SCHEDULE_KIND_STEP ->
          new LearningRateSchedule(
              LearningRateSchedule.Kind.STEP,
              schedule.getMilestonesList().stream().mapToDouble(Double::doubleValue).toArray(),
              schedule.getGamma());
      case SCHEDULE_KIND_COSINE ->
          new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, new double[0], 1);
      default -> LearningRateSchedule.CONSTANT;
    };
  }

  /** Runs {@code build}; a failed domain check is added to {@code problems} and null returned. */
  private static <T> T collect(List<String> problems, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (TrialFailedException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private static TaskType taskType(DataLocation data, List<String> problems) {
    switch (data.getTaskType()) {
      case TASK_TYPE_BINARY:
        return TaskType.BINARY;
      case TASK_TYPE_MULTI_CLASS:
        return TaskType.MULTI_CLASS;
      case TASK_TYPE_ORDINAL:
        return TaskType.ORDINAL;
      case TASK_TYPE_MULTI_LABEL:
        return TaskType.MULTI_LABEL;
      default:
        problems.add("task type " + data.getTaskType() + " is not supported by this trainer");
        return TaskType.BINARY;
    }
  }

  private static TrialFailedException invalid(List<String> problems) {
    return new TrialFailedException(FailureReason.INVALID_SPEC, String.join("; ", problems));
  }
}
