package org.medxfer.evaluator.api;

import org.medxfer.evaluator.domain.AdaptationKind;
import org.medxfer.evaluator.domain.Factor;
import org.medxfer.evaluator.domain.InitKind;
import org.medxfer.evaluator.domain.TaskType;

/**
 * The one mapping between proto enums and their domain twins, in both directions. Proto values this
 * build does not know (a newer proto) map to an {@link IllegalArgumentException}, never to a guess.
 */
public final class ProtoEnumMapper {

  private ProtoEnumMapper() {}

  /**
   * @throws IllegalArgumentException for UNSPECIFIED or an unknown value
   */
  public static TaskType toDomain(org.medxfer.proto.dataset.v1.TaskType taskType) {
    return switch (taskType) {
      case TASK_TYPE_BINARY -> TaskType.BINARY;
      case TASK_TYPE_MULTI_CLASS -> TaskType.MULTI_CLASS;
      case TASK_TYPE_MULTI_LABEL -> TaskType.MULTI_LABEL;
      case TASK_TYPE_ORDINAL -> TaskType.ORDINAL;
      default -> throw new IllegalArgumentException("task type " + taskType + " is not scorable");
    };
  }

  public static org.medxfer.proto.dataset.v1.TaskType toProto(TaskType taskType) {
    return switch (taskType) {
      case BINARY -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_BINARY;
      case MULTI_CLASS -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_CLASS;
      case MULTI_LABEL -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_MULTI_LABEL;
      case ORDINAL -> org.medxfer.proto.dataset.v1.TaskType.TASK_TYPE_ORDINAL;
    };
  }

  /**
   * @throws IllegalArgumentException for a value this build does not know
   */
  public static InitKind toDomain(org.medxfer.proto.trial.v1.InitKind kind) {
    return switch (kind) {
      case INIT_KIND_UNSPECIFIED -> InitKind.UNSPECIFIED;
      case INIT_KIND_RANDOM -> InitKind.RANDOM;
      case INIT_KIND_IMAGENET -> InitKind.IMAGENET;
      case INIT_KIND_MEAN_VAR -> InitKind.MEAN_VAR;
      case INIT_KIND_PARTIAL -> InitKind.PARTIAL;
      case INIT_KIND_TRIAL_CHECKPOINT -> InitKind.TRIAL_CHECKPOINT;
      default -> throw new IllegalArgumentException("unknown init kind " + kind);
    };
  }

  public static org.medxfer.proto.trial.v1.InitKind toProto(InitKind kind) {
    return switch (kind) {
      case UNSPECIFIED -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_UNSPECIFIED;
      case RANDOM -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_RANDOM;
      case IMAGENET -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_IMAGENET;
      case MEAN_VAR -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_MEAN_VAR;
      case PARTIAL -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_PARTIAL;
      case TRIAL_CHECKPOINT -> org.medxfer.proto.trial.v1.InitKind.INIT_KIND_TRIAL_CHECKPOINT;
    };
  }

  /**
   * @throws IllegalArgumentException for a value this build does not know
   */
  public static AdaptationKind toDomain(org.medxfer.proto.trial.v1.AdaptationKind kind) {
    return switch (kind) {
      case ADAPTATION_KIND_UNSPECIFIED -> AdaptationKind.UNSPECIFIED;
      case ADAPTATION_KIND_FULL -> AdaptationKind.FULL;
      case ADAPTATION_KIND_LINEAR_PROBE -> AdaptationKind.LINEAR_PROBE;
      case ADAPTATION_KIND_FREEZE_UP_TO_BLOCK -> AdaptationKind.FREEZE_UP_TO_BLOCK;
      case ADAPTATION_KIND_LP_FT -> AdaptationKind.LP_FT;
      default -> throw new IllegalArgumentException("unknown adaptation kind " + kind);
    };
  }

  public static org.medxfer.proto.trial.v1.AdaptationKind toProto(AdaptationKind kind) {
    return switch (kind) {
      case UNSPECIFIED -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_UNSPECIFIED;
      case FULL -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_FULL;
      case LINEAR_PROBE -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_LINEAR_PROBE;
      case FREEZE_UP_TO_BLOCK ->
          org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_FREEZE_UP_TO_BLOCK;
      case LP_FT -> org.medxfer.proto.trial.v1.AdaptationKind.ADAPTATION_KIND_LP_FT;
    };
  }

  /**
   * @throws IllegalArgumentException for UNSPECIFIED or an unknown value
   */
  public static Factor toDomain(org.medxfer.proto.evaluation.v1.Factor factor) {
    return switch (factor) {
      case FACTOR_DATASET -> Factor.DATASET;
      case FACTOR_ARCHITECTURE -> Factor.ARCHITECTURE;
      case FACTOR_INIT -> Factor.INIT;
      case FACTOR_ADAPTATION -> Factor.ADAPTATION;
      case FACTOR_LABEL_FRACTION -> Factor.LABEL_FRACTION;
      case FACTOR_RESOLUTION -> Factor.RESOLUTION;
      default -> throw new IllegalArgumentException("not a factor: " + factor);
    };
  }

  public static org.medxfer.proto.evaluation.v1.Factor toProto(Factor factor) {
    return switch (factor) {
      case DATASET -> org.medxfer.proto.evaluation.v1.Factor.FACTOR_DATASET;
      case ARCHITECTURE -> org.medxfer.proto.evaluation.v1.Factor.FACTOR_ARCHITECTURE;
      case INIT -> org.medxfer.proto.evaluation.v1.Factor.FACTOR_INIT;
      case ADAPTATION -> org.medxfer.proto.evaluation.v1.Factor.FACTOR_ADAPTATION;
      case LABEL_FRACTION -> org.medxfer.proto.evaluation.v1.Factor.FACTOR_LABEL_FRACTION;
      case RESOLUTION -> org.medxfer.proto.evaluation.v1.Factor.FACTOR_RESOLUTION;
    };
  }
}
