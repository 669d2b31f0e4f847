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
          BUDGET);

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
