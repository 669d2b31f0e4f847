package org.medxfer.gateway.domain;

import java.util.List;

/**
 * The keys of a study file. Every validation problem names its field by these keys, with list
 * positions as {@code [i]}, for example {@code training.epochs} or {@code inits[1].up_to_block}.
 */
public final class StudyFields {

  public static final String NAME = "name";
  public static final String DATASETS = "datasets";
  public static final String ARCHITECTURES = "architectures";
  public static final String INITS = "inits";
  public static final String ADAPTATIONS = "adaptations";
  public static final String FRACTIONS = "fractions";
  public static final String RESOLUTIONS = "resolutions";
  public static final String RESIZE = "resize";
  public static final String SEEDS = "seeds";
  public static final String TRAINING = "training";
  public static final String BUDGET = "budget";
  public static final String CUSTOM_ARCHITECTURES = "custom_architectures";
  public static final String UNRUNNABLE = "unrunnable";

  /** The top-level keys, in the order a study file usually lists them. */
  public static final List<String> TOP_LEVEL =
      List.of(
          NAME,
          DATASETS,
          ARCHITECTURES,
          INITS,
          ADAPTATIONS,
          FRACTIONS,
          RESOLUTIONS,
          RESIZE,
          SEEDS,
          TRAINING,
          BUDGET,
          CUSTOM_ARCHITECTURES,
          UNRUNNABLE);

  public static final String KIND = "kind";
  public static final String WEIGHTS = "weights";
  public static final String UP_TO_BLOCK = "up_to_block";
  public static final String SOURCE_TRIAL = "source_trial";

  public static final String EPOCHS = "epochs";
  public static final String BATCH_SIZE = "batch_size";
  public static final String OPTIMIZER = "optimizer";
  public static final String LEARNING_RATE = "lr";
  public static final String EARLY_STOPPING = "early_stopping";
  public static final String PATIENCE = "patience";
  public static final String MAX_TRIALS = "max_trials";
  public static final String MAX_ATTEMPTS = "max_attempts";
  public static final String TRIAL_TIMEOUT_MINUTES = "trial_timeout_minutes";
  public static final String METRIC = "metric";
  public static final String LINEAR_PROBE_EPOCHS = "linear_probe_epochs";
  public static final String MOMENTUM = "momentum";
  public static final String WEIGHT_DECAY = "weight_decay";
  public static final String BACKBONE_LEARNING_RATE = "backbone_lr";
  public static final String PRECISION = "precision";
  public static final String NORMALIZATION = "normalization";
  public static final String SCHEDULE = "schedule";
  public static final String TYPE = "type";
  public static final String MILESTONES = "milestones";
  public static final String GAMMA = "gamma";
  public static final String AUGMENTATION = "augmentation";
  public static final String HORIZONTAL_FLIP = "horizontal_flip";
  public static final String VERTICAL_FLIP = "vertical_flip";
  public static final String MAX_SHIFT = "max_shift";
  public static final String MAX_ROTATION = "max_rotation";
  public static final String BLOCKS = "blocks";
  public static final String DROPOUT = "dropout";
  public static final String FILTERS = "filters";
  public static final String KERNEL_SIZE = "kernel_size";
  public static final String CONVS = "convs";
  public static final String BATCH_NORM = "batch_norm";
  public static final String POOL = "pool";

  /** The only early-stopping metric trainers track. */
  public static final String VAL_AUC = "val_auc";

  /** {@code training.epochs} and its siblings. */
  public static String training(String key) {
    return TRAINING + "." + key;
  }

  /** {@code training.early_stopping.patience}. */
  public static final String TRAINING_PATIENCE = training(EARLY_STOPPING) + "." + PATIENCE;

  /** {@code budget.max_trials}. */
  public static final String BUDGET_MAX_TRIALS = BUDGET + "." + MAX_TRIALS;

  /** {@code list[index]}. */
  public static String element(String list, int index) {
    return list + "[" + index + "]";
  }

  /** {@code parent.key}. */
  public static String child(String parent, String key) {
    return parent + "." + key;
  }

  private StudyFields() {}
}
