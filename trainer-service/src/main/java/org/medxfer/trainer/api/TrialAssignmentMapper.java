package org.medxfer.trainer.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.medxfer.proto.trial.v1.AdaptationKind;
import org.medxfer.proto.trial.v1.DataLocation;
import org.medxfer.proto.trial.v1.OptimizerKind;
import org.medxfer.proto.trial.v1.ResizeMode;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.proto.trial.v1.TrialSpec;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.TaskType;
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
    Architecture architecture = Architecture.fromId(spec.getArchitecture());
    Initialization initialization = initialization(spec, architecture, problems);
    TaskType taskType = taskType(data, problems);
    if (spec.getAdaptation().getKind() != AdaptationKind.ADAPTATION_KIND_FULL) {
      problems.add(
          "adaptation "
              + spec.getAdaptation().getKind()
              + " is not supported by this trainer yet (only ADAPTATION_KIND_FULL)");
    }
    if (training.getOptimizer() == OptimizerKind.OPTIMIZER_KIND_SGD) {
      problems.add("optimizer OPTIMIZER_KIND_SGD is not supported by this trainer yet");
    }
    if (spec.getResize() == ResizeMode.RESIZE_MODE_PAD) {
      problems.add("resize RESIZE_MODE_PAD is not supported by this trainer yet");
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
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
            training.getEarlyStoppingPatience());
    return new TrialRun(assignment.getTrial(), assignment.getAttempt(), trainingSpec, channels);
  }

  private Initialization initialization(
      TrialSpec spec, Architecture architecture, List<String> problems) {
    switch (spec.getInit().getKind()) {
      case INIT_KIND_RANDOM:
        return Initialization.RANDOM;
      case INIT_KIND_IMAGENET:
        String weights = spec.getInit().getWeights();
        if (!weights.isEmpty() && !knownWeights.test(architecture, weights)) {
          problems.add("init.weights '" + weights + "' is not registered for " + architecture.id());
        }
        return Initialization.IMAGENET;
      default:
        problems.add(
            "init "
                + spec.getInit().getKind()
                + " is not supported by this trainer yet (only RANDOM and IMAGENET)");
        return Initialization.RANDOM;
    }
  }

  private static TaskType taskType(DataLocation data, List<String> problems) {
    switch (data.getTaskType()) {
      case TASK_TYPE_BINARY:
        return TaskType.BINARY;
      case TASK_TYPE_MULTI_CLASS:
      case TASK_TYPE_ORDINAL:
        // Ordinal grades train as k-way classification, as MedMNIST's baselines do.
        return TaskType.MULTI_CLASS;
      default:
        problems.add("task type " + data.getTaskType() + " is not supported by this trainer");
        return TaskType.BINARY;
    }
  }

  private static TrialFailedException invalid(List<String> problems) {
    return new TrialFailedException(FailureReason.INVALID_SPEC, String.join("; ", problems));
  }
}
