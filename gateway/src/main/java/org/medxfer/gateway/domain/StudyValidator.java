package org.medxfer.gateway.domain;

import static org.medxfer.gateway.domain.StudyFields.ADAPTATIONS;
import static org.medxfer.gateway.domain.StudyFields.ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.AUGMENTATION;
import static org.medxfer.gateway.domain.StudyFields.BACKBONE_LEARNING_RATE;
import static org.medxfer.gateway.domain.StudyFields.BATCH_SIZE;
import static org.medxfer.gateway.domain.StudyFields.BLOCKS;
import static org.medxfer.gateway.domain.StudyFields.BUDGET_MAX_TRIALS;
import static org.medxfer.gateway.domain.StudyFields.CONVS;
import static org.medxfer.gateway.domain.StudyFields.CUSTOM_ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.DATASETS;
import static org.medxfer.gateway.domain.StudyFields.DROPOUT;
import static org.medxfer.gateway.domain.StudyFields.EPOCHS;
import static org.medxfer.gateway.domain.StudyFields.FILTERS;
import static org.medxfer.gateway.domain.StudyFields.FRACTIONS;
import static org.medxfer.gateway.domain.StudyFields.GAMMA;
import static org.medxfer.gateway.domain.StudyFields.INITS;
import static org.medxfer.gateway.domain.StudyFields.KERNEL_SIZE;
import static org.medxfer.gateway.domain.StudyFields.KIND;
import static org.medxfer.gateway.domain.StudyFields.LEARNING_RATE;
import static org.medxfer.gateway.domain.StudyFields.LINEAR_PROBE_EPOCHS;
import static org.medxfer.gateway.domain.StudyFields.MAX_ROTATION;
import static org.medxfer.gateway.domain.StudyFields.MAX_SHIFT;
import static org.medxfer.gateway.domain.StudyFields.MILESTONES;
import static org.medxfer.gateway.domain.StudyFields.MOMENTUM;
import static org.medxfer.gateway.domain.StudyFields.NAME;
import static org.medxfer.gateway.domain.StudyFields.RESOLUTIONS;
import static org.medxfer.gateway.domain.StudyFields.SCHEDULE;
import static org.medxfer.gateway.domain.StudyFields.SEEDS;
import static org.medxfer.gateway.domain.StudyFields.SOURCE_TRIAL;
import static org.medxfer.gateway.domain.StudyFields.TRAINING_PATIENCE;
import static org.medxfer.gateway.domain.StudyFields.UP_TO_BLOCK;
import static org.medxfer.gateway.domain.StudyFields.WEIGHTS;
import static org.medxfer.gateway.domain.StudyFields.WEIGHT_DECAY;
import static org.medxfer.gateway.domain.StudyFields.child;
import static org.medxfer.gateway.domain.StudyFields.element;
import static org.medxfer.gateway.domain.StudyFields.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The rules a study must follow to run. Checks every field and reports every problem, each with its
 * field path, so that an author fixes a study file in one round.
 */
public final class StudyValidator {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MIN_RESOLUTION = 8;
  public static final int MAX_RESOLUTION = 1024;
  public static final int MAX_EPOCHS = 1000;
  public static final int MAX_BATCH_SIZE = 4096;
  public static final double MAX_LEARNING_RATE = 10.0;
  public static final int MAX_FILTERS = 2048;
  public static final int MAX_KERNEL_SIZE = 15;
  public static final int MAX_CONVS = 8;

  private StudyValidator() {}

  /** Every problem of {@code study}; empty when it can run. */
  public static List<Violation> validate(StudyDefinition study) {
    List<Violation> out = new ArrayList<>();
    checkName(study.displayName(), out);
    checkList(DATASETS, "data set", study.datasets(), StudyValidator::checkDataset, out);
    checkList(
        ARCHITECTURES,
        "architecture",
        study.architectures(),
        (check, problems) -> {
          // Whether the id names a network is the model zoo's question (ModelZooCheck).
        },
        out);
    checkDistinctDatasets(study.datasets(), out);
    checkList(INITS, "initialisation", study.inits(), StudyValidator::checkInit, out);
    checkList(ADAPTATIONS, "adaptation", study.adaptations(), StudyValidator::checkAdaptation, out);
    checkList(
        FRACTIONS, "label fraction", study.labelFractions(), StudyValidator::checkFraction, out);
    checkList(RESOLUTIONS, "resolution", study.resolutions(), StudyValidator::checkResolution, out);
    checkList(SEEDS, "seed", study.seeds(), StudyValidator::checkSeed, out);
    checkTraining(study.training(), out);
    checkLinearProbeEpochs(study, out);
    study.customArchitectures().forEach((name, cnn) -> checkCustomCnn(name, cnn, out));
    checkBudget(study, out);
    return out;
  }

  /**
   * Every problem of a study as read from a study file: {@code readProblems} (syntax, types,
   * unknown keys) and then the rules, leaving out rule problems about a field already reported, and
   * all of them when the document as a whole could not be read.
   */
  public static List<Violation> validate(StudyDefinition study, List<Violation> readProblems) {
    List<Violation> out = new ArrayList<>(readProblems);
    boolean documentUnreadable =
        readProblems.stream().anyMatch(problem -> problem.field().equals(StudyFileReader.DOCUMENT));
    if (documentUnreadable) {
      // Rule problems of a document that could not be read would only be noise.
      return out;
    }
    for (Violation problem : validate(study)) {
      boolean alreadyReported =
          readProblems.stream().anyMatch(reported -> reported.concerns(problem.field()));
      if (!alreadyReported) {
        out.add(problem);
      }
    }
    return out;
  }

  private static void checkName(String name, List<Violation> out) {
    if (name.isBlank()) {
      out.add(new Violation(NAME, "is required"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      out.add(new Violation(NAME, "must be at most " + MAX_NAME_LENGTH + " characters"));
    }
  }

  private static <T> void checkList(
      String field,
      String what,
      List<T> values,
      BiConsumer<Check<T>, List<Violation>> checkElement,
      List<Violation> out) {
    if (values.isEmpty()) {
      out.add(new Violation(field, "must list at least one " + what));
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      T value = values.get(i);
      if (value == null) {
        continue;
      }
      String path = element(field, i);
      int first = values.indexOf(value);
      if (first < i) {
        out.add(new Violation(path, "repeats " + element(field, first)));
        continue;
      }
      checkElement.accept(new Check<>(path, value), out);
    }
  }

  /** One list element and its path. */
  private record Check<T>(String path, T value) {}

  private static void checkDataset(Check<String> check, List<Violation> out) {
    DatasetRef ref = DatasetRef.parse(check.value());
    if (!ref.version().equals(DatasetRef.LATEST) && !ResourceNames.isValidId(ref.version())) {
      out.add(
          new Violation(
              check.path(),
              "'"
                  + ref.version()
                  + "' is not a version id (write dataset@version, for example breastmnist@v2)"));
    }
    if (!ResourceNames.isValidDatasetId(ref.id())) {
      out.add(
          new Violation(
              check.path(),
              "'"
                  + ref.id()
                  + "' is not a data set id (lower-case letters, digits and hyphens, starting with a"
                  + " letter)"));
    }
  }

  private static void checkDistinctDatasets(List<String> datasets, List<Violation> out) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < datasets.size(); i++) {
      String entry = datasets.get(i);
      // An exact repeat is reported by checkList already.
      boolean exactRepeat = entry != null && datasets.indexOf(entry) < i;
      if (entry != null && !ids.add(DatasetRef.parse(entry).id()) && !exactRepeat) {
        out.add(
            new Violation(
                element(DATASETS, i),
                "names data set '"
                    + DatasetRef.parse(entry).id()
                    + "' again; a study trains on one version of each data set"));
      }
    }
  }

  private static void checkInit(Check<Initialization> check, List<Violation> out) {
    Initialization init = check.value();
    String path = check.path();
    if (init.kind() == null) {
      out.add(new Violation(child(path, KIND), "is required; one of " + InitKind.fileNames()));
      return;
    }
    if (init.kind() == InitKind.PARTIAL) {
      if (init.upToBlock() < 1) {
        out.add(new Violation(child(path, UP_TO_BLOCK), "must be at least 1 for partial"));
      }
    } else if (init.upToBlock() != 0) {
      out.add(new Violation(child(path, UP_TO_BLOCK), "applies only to partial"));
    }
    if (init.kind() == InitKind.CHECKPOINT) {
      if (init.sourceTrial().isEmpty()) {
        out.add(new Violation(child(path, SOURCE_TRIAL), "is required for checkpoint"));
      } else if (!ResourceNames.isTrialName(init.sourceTrial())) {
        out.add(
            new Violation(
                child(path, SOURCE_TRIAL), "must be a trial name: studies/{study}/trials/{trial}"));
      }
    } else if (!init.sourceTrial().isEmpty()) {
      out.add(new Violation(child(path, SOURCE_TRIAL), "applies only to checkpoint"));
    }
    if (!init.weights().isEmpty() && !init.kind().usesPretrainedWeights()) {
      out.add(
          new Violation(child(path, WEIGHTS), "applies only to imagenet, mean_var and partial"));
    }
  }

  private static void checkAdaptation(Check<Adaptation> check, List<Violation> out) {
    Adaptation adaptation = check.value();
    String path = check.path();
    if (adaptation.kind() == null) {
      out.add(
          new Violation(child(path, KIND), "is required; one of " + AdaptationKind.fileNames()));
      return;
    }
    if (adaptation.kind() == AdaptationKind.FREEZE_UP_TO_BLOCK) {
      if (adaptation.upToBlock() < 1) {
        out.add(
            new Violation(child(path, UP_TO_BLOCK), "must be at least 1 for freeze_up_to_block"));
      }
    } else if (adaptation.upToBlock() != 0) {
      out.add(new Violation(child(path, UP_TO_BLOCK), "applies only to freeze_up_to_block"));
    }
  }

  private static void checkFraction(Check<Double> check, List<Violation> out) {
    double fraction = check.value();
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      out.add(new Violation(check.path(), "must be in (0, 1], was " + fraction));
    }
  }

  private static void checkResolution(Check<Integer> check, List<Violation> out) {
    int resolution = check.value();
    if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
      out.add(
          new Violation(
              check.path(),
              "must be between "
                  + MIN_RESOLUTION
                  + " and "
                  + MAX_RESOLUTION
                  + " pixels, was "
                  + resolution));
    }
  }

  private static void checkSeed(Check<Long> check, List<Violation> out) {
    if (check.value() < 0) {
      out.add(new Violation(check.path(), "must not be negative, was " + check.value()));
    }
  }

  private static void checkTraining(TrainingSettings settings, List<Violation> out) {
    if (settings.epochs() < 1) {
      out.add(
          new Violation(
              training(EPOCHS),
              settings.epochs() == 0 ? "is required (at least 1)" : "must be at least 1"));
    } else if (settings.epochs() > MAX_EPOCHS) {
      out.add(new Violation(training(EPOCHS), "must be at most " + MAX_EPOCHS));
    }
    if (settings.batchSize() < 1 || settings.batchSize() > MAX_BATCH_SIZE) {
      out.add(
          new Violation(
              training(BATCH_SIZE),
              "must be between 1 and " + MAX_BATCH_SIZE + ", was " + settings.batchSize()));
    }
    double lr = settings.learningRate();
    if (!(lr > 0.0 && lr <= MAX_LEARNING_RATE)) {
      out.add(
          new Violation(
              training(LEARNING_RATE), "must be in (0, " + MAX_LEARNING_RATE + "], was " + lr));
    }
    if (settings.earlyStoppingPatience() < 0) {
      out.add(new Violation(TRAINING_PATIENCE, "must not be negative"));
    }
    if (!(settings.momentum() >= 0.0 && settings.momentum() < 1.0)) {
      out.add(new Violation(training(MOMENTUM), "must be in [0, 1), was " + settings.momentum()));
    } else if (settings.momentum() > 0.0 && settings.optimizer() != OptimizerKind.SGD) {
      out.add(new Violation(training(MOMENTUM), "applies only to the sgd optimizer"));
    }
    if (!(settings.weightDecay() >= 0.0 && settings.weightDecay() < 1.0)) {
      out.add(
          new Violation(
              training(WEIGHT_DECAY), "must be in [0, 1), was " + settings.weightDecay()));
    }
    Double backbone = settings.backboneLearningRate();
    if (backbone != null && !(backbone >= 0.0 && backbone <= MAX_LEARNING_RATE)) {
      out.add(
          new Violation(
              training(BACKBONE_LEARNING_RATE),
              "must be in [0, " + MAX_LEARNING_RATE + "], was " + backbone));
    }
    checkSchedule(settings.schedule(), out);
    checkAugmentation(settings.augmentation(), out);
  }

  private static void checkSchedule(Schedule schedule, List<Violation> out) {
    String path = training(SCHEDULE);
    if (schedule.kind() != ScheduleKind.STEP) {
      if (!schedule.milestones().isEmpty()) {
        out.add(new Violation(child(path, MILESTONES), "applies only to type step"));
      }
      if (schedule.gamma() != 0.0) {
        out.add(new Violation(child(path, GAMMA), "applies only to type step"));
      }
      return;
    }
    List<Double> milestones = schedule.milestones();
    if (milestones.isEmpty()) {
      out.add(new Violation(child(path, MILESTONES), "must list at least one fraction for step"));
    }
    for (int i = 0; i < milestones.size(); i++) {
      Double milestone = milestones.get(i);
      if (milestone == null) {
        continue;
      }
      String at = element(child(path, MILESTONES), i);
      if (!(milestone > 0.0 && milestone < 1.0)) {
        out.add(new Violation(at, "must be a fraction of the epochs in (0, 1), was " + milestone));
      } else if (i > 0 && milestones.get(i - 1) != null && milestone <= milestones.get(i - 1)) {
        out.add(new Violation(at, "must be larger than the milestone before it"));
      }
    }
    if (!(schedule.gamma() > 0.0 && schedule.gamma() <= 1.0)) {
      out.add(new Violation(child(path, GAMMA), "must be in (0, 1], was " + schedule.gamma()));
    }
  }

  private static void checkAugmentation(Augmentation augmentation, List<Violation> out) {
    String path = training(AUGMENTATION);
    if (!(augmentation.maxShift() >= 0.0 && augmentation.maxShift() <= 0.5)) {
      out.add(
          new Violation(
              child(path, MAX_SHIFT),
              "must be a fraction of the side in [0, 0.5], was " + augmentation.maxShift()));
    }
    if (!(augmentation.maxRotationDegrees() >= 0.0 && augmentation.maxRotationDegrees() <= 180.0)) {
      out.add(
          new Violation(
              child(path, MAX_ROTATION),
              "must be in [0, 180] degrees, was " + augmentation.maxRotationDegrees()));
    }
  }

  private static void checkLinearProbeEpochs(StudyDefinition study, List<Violation> out) {
    int epochs = study.training().epochs();
    List<Adaptation> adaptations = study.adaptations();
    for (int i = 0; i < adaptations.size(); i++) {
      Adaptation adaptation = adaptations.get(i);
      if (adaptation == null || adaptation.kind() == null) {
        continue;
      }
      String path = child(element(ADAPTATIONS, i), LINEAR_PROBE_EPOCHS);
      if (adaptation.kind() != AdaptationKind.LP_FT) {
        if (adaptation.linearProbeEpochs() != 0) {
          out.add(new Violation(path, "applies only to lp_ft"));
        }
      } else if (epochs >= 1 && adaptation.linearProbeEpochs() >= epochs) {
        out.add(
            new Violation(
                path,
                "must be fewer than training.epochs ("
                    + epochs
                    + ") so that fine-tuning has epochs left, was "
                    + adaptation.linearProbeEpochs()));
      } else if (adaptation.linearProbeEpochs() < 1) {
        out.add(new Violation(path, "must be at least 1"));
      }
    }
  }

  private static void checkCustomCnn(String name, CustomCnn cnn, List<Violation> out) {
    String path = child(CUSTOM_ARCHITECTURES, name);
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      out.add(
          new Violation(
              path,
              "'"
                  + name
                  + "' is not an architecture name (lower-case letters, digits and underscores,"
                  + " starting with a letter)"));
    }
    if (cnn.blocks().isEmpty()) {
      out.add(new Violation(child(path, BLOCKS), "must list at least one block"));
    }
    for (int i = 0; i < cnn.blocks().size(); i++) {
      ConvBlock block = cnn.blocks().get(i);
      if (block == null) {
        continue;
      }
      String at = element(child(path, BLOCKS), i);
      if (block.filters() < 1 || block.filters() > MAX_FILTERS) {
        out.add(
            new Violation(
                child(at, FILTERS),
                block.filters() == 0
                    ? "is required (1.." + MAX_FILTERS + ")"
                    : "must be between 1 and " + MAX_FILTERS + ", was " + block.filters()));
      }
      if (block.kernelSize() < 1 || block.kernelSize() > MAX_KERNEL_SIZE) {
        out.add(
            new Violation(
                child(at, KERNEL_SIZE),
                "must be between 1 and " + MAX_KERNEL_SIZE + ", was " + block.kernelSize()));
      }
      if (block.convs() < 1 || block.convs() > MAX_CONVS) {
        out.add(
            new Violation(
                child(at, CONVS), "must be between 1 and " + MAX_CONVS + ", was " + block.convs()));
      }
    }
    if (!(cnn.dropout() >= 0.0 && cnn.dropout() < 1.0)) {
      out.add(new Violation(child(path, DROPOUT), "must be in [0, 1), was " + cnn.dropout()));
    }
  }

  private static void checkBudget(StudyDefinition study, List<Violation> out) {
    if (study.maxAttempts() < 1 || study.maxAttempts() > StudyDefaults.MAX_ATTEMPTS_CEILING) {
      out.add(
          new Violation(
              child(StudyFields.BUDGET, StudyFields.MAX_ATTEMPTS),
              "must be between 1 and "
                  + StudyDefaults.MAX_ATTEMPTS_CEILING
                  + ", was "
                  + study.maxAttempts()));
    }
    if (study.trialTimeoutMinutes() < 1) {
      out.add(
          new Violation(
              child(StudyFields.BUDGET, StudyFields.TRIAL_TIMEOUT_MINUTES),
              "must be at least 1, was " + study.trialTimeoutMinutes()));
    }
    int maxTrials = study.maxTrials();
    if (maxTrials < 1) {
      out.add(new Violation(BUDGET_MAX_TRIALS, "must be at least 1"));
      return;
    }
    if (maxTrials > StudyDefaults.MAX_TRIALS_CEILING) {
      out.add(
          new Violation(BUDGET_MAX_TRIALS, "must be at most " + StudyDefaults.MAX_TRIALS_CEILING));
      return;
    }
    long trials = study.trialCount();
    if (trials > maxTrials) {
      out.add(
          new Violation(
              BUDGET_MAX_TRIALS,
              "the study expands to "
                  + trials
                  + " trials, more than max_trials "
                  + maxTrials
                  + "; remove factor levels or raise max_trials"));
    }
  }
}
