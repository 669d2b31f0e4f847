package org.medxfer.gateway.domain;

import static org.medxfer.gateway.domain.StudyFields.ADAPTATIONS;
import static org.medxfer.gateway.domain.StudyFields.ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.AUGMENTATION;
import static org.medxfer.gateway.domain.StudyFields.BACKBONE_LEARNING_RATE;
import static org.medxfer.gateway.domain.StudyFields.BATCH_NORM;
import static org.medxfer.gateway.domain.StudyFields.BATCH_SIZE;
import static org.medxfer.gateway.domain.StudyFields.BLOCKS;
import static org.medxfer.gateway.domain.StudyFields.BUDGET;
import static org.medxfer.gateway.domain.StudyFields.BUDGET_MAX_TRIALS;
import static org.medxfer.gateway.domain.StudyFields.CONVS;
import static org.medxfer.gateway.domain.StudyFields.CUSTOM_ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.DATASETS;
import static org.medxfer.gateway.domain.StudyFields.DROPOUT;
import static org.medxfer.gateway.domain.StudyFields.EARLY_STOPPING;
import static org.medxfer.gateway.domain.StudyFields.EPOCHS;
import static org.medxfer.gateway.domain.StudyFields.FILTERS;
import static org.medxfer.gateway.domain.StudyFields.FRACTIONS;
import static org.medxfer.gateway.domain.StudyFields.GAMMA;
import static org.medxfer.gateway.domain.StudyFields.HORIZONTAL_FLIP;
import static org.medxfer.gateway.domain.StudyFields.INITS;
import static org.medxfer.gateway.domain.StudyFields.KERNEL_SIZE;
import static org.medxfer.gateway.domain.StudyFields.KIND;
import static org.medxfer.gateway.domain.StudyFields.LEARNING_RATE;
import static org.medxfer.gateway.domain.StudyFields.LINEAR_PROBE_EPOCHS;
import static org.medxfer.gateway.domain.StudyFields.MAX_ROTATION;
import static org.medxfer.gateway.domain.StudyFields.MAX_SHIFT;
import static org.medxfer.gateway.domain.StudyFields.MAX_TRIALS;
import static org.medxfer.gateway.domain.StudyFields.METRIC;
import static org.medxfer.gateway.domain.StudyFields.MILESTONES;
import static org.medxfer.gateway.domain.StudyFields.MOMENTUM;
import static org.medxfer.gateway.domain.StudyFields.NAME;
import static org.medxfer.gateway.domain.StudyFields.NORMALIZATION;
import static org.medxfer.gateway.domain.StudyFields.OPTIMIZER;
import static org.medxfer.gateway.domain.StudyFields.PATIENCE;
import static org.medxfer.gateway.domain.StudyFields.POOL;
import static org.medxfer.gateway.domain.StudyFields.PRECISION;
import static org.medxfer.gateway.domain.StudyFields.RESIZE;
import static org.medxfer.gateway.domain.StudyFields.RESOLUTIONS;
import static org.medxfer.gateway.domain.StudyFields.SCHEDULE;
import static org.medxfer.gateway.domain.StudyFields.SEEDS;
import static org.medxfer.gateway.domain.StudyFields.SOURCE_TRIAL;
import static org.medxfer.gateway.domain.StudyFields.TRAINING;
import static org.medxfer.gateway.domain.StudyFields.TYPE;
import static org.medxfer.gateway.domain.StudyFields.UNRUNNABLE;
import static org.medxfer.gateway.domain.StudyFields.UP_TO_BLOCK;
import static org.medxfer.gateway.domain.StudyFields.VAL_AUC;
import static org.medxfer.gateway.domain.StudyFields.VERTICAL_FLIP;
import static org.medxfer.gateway.domain.StudyFields.WEIGHTS;
import static org.medxfer.gateway.domain.StudyFields.WEIGHT_DECAY;
import static org.medxfer.gateway.domain.StudyFields.child;
import static org.medxfer.gateway.domain.StudyFields.element;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a parsed study file (the plain tree a YAML parser gives: maps, lists, strings, numbers,
 * booleans, nulls) into a {@link StudyDefinition}, reporting every unknown key and wrong type with
 * its field path. Range and consistency rules are {@link StudyValidator}'s.
 */
public final class StudyFileReader {

  /** The request field a whole-document problem is reported on. */
  public static final String DOCUMENT = "study_file";

  private static final List<String> INIT_KEYS = List.of(KIND, WEIGHTS, UP_TO_BLOCK, SOURCE_TRIAL);
  private static final List<String> ADAPTATION_KEYS =
      List.of(KIND, UP_TO_BLOCK, LINEAR_PROBE_EPOCHS);
  private static final List<String> TRAINING_KEYS =
      List.of(
          EPOCHS,
          BATCH_SIZE,
          OPTIMIZER,
          LEARNING_RATE,
          BACKBONE_LEARNING_RATE,
          MOMENTUM,
          WEIGHT_DECAY,
          SCHEDULE,
          AUGMENTATION,
          PRECISION,
          NORMALIZATION,
          EARLY_STOPPING);
  private static final List<String> EARLY_STOPPING_KEYS = List.of(METRIC, PATIENCE);
  private static final List<String> SCHEDULE_KEYS = List.of(TYPE, MILESTONES, GAMMA);
  private static final List<String> AUGMENTATION_KEYS =
      List.of(HORIZONTAL_FLIP, VERTICAL_FLIP, MAX_SHIFT, MAX_ROTATION);
  private static final List<String> CUSTOM_CNN_KEYS = List.of(BLOCKS, DROPOUT);
  private static final List<String> CONV_BLOCK_KEYS =
      List.of(FILTERS, KERNEL_SIZE, CONVS, BATCH_NORM, POOL);
  private static final List<String> BUDGET_KEYS =
      List.of(MAX_TRIALS, StudyFields.MAX_ATTEMPTS, StudyFields.TRIAL_TIMEOUT_MINUTES);

  /** A definition and the problems met while reading it. */
  public record Reading(StudyDefinition definition, List<Violation> problems) {}

  private final List<Violation> problems = new ArrayList<>();

  private StudyFileReader() {}

  /** Reads the root of a parsed study file. */
  public static Reading read(Object root) {
    return new StudyFileReader().readRoot(root);
  }

  /**
   * The reading of a document that is not even a tree (a syntax error): only {@code description},
   * on {@link #DOCUMENT}, and a definition with every default.
   */
  public static Reading unreadable(String description) {
    StudyDefinition defaults = read(Map.of()).definition();
    return new Reading(defaults, List.of(new Violation(DOCUMENT, description)));
  }

  private Reading readRoot(Object root) {
    Map<?, ?> study;
    if (root == null) {
      problems.add(new Violation(DOCUMENT, "is empty"));
      study = Map.of();
    } else if (root instanceof Map<?, ?> map) {
      study = map;
    } else {
      problems.add(
          new Violation(DOCUMENT, "must be a mapping of study keys, was " + describe(root)));
      study = Map.of();
    }
    reportUnknownKeys("", study, StudyFields.TOP_LEVEL);

    String name = readString(NAME, study.get(NAME)).orElse("");
    List<String> datasets = readList(DATASETS, study.get(DATASETS), this::readString, null);
    List<String> architectures =
        readList(ARCHITECTURES, study.get(ARCHITECTURES), this::readString, null);
    List<Initialization> inits = readList(INITS, study.get(INITS), this::readInit, null);
    List<Adaptation> adaptations =
        readList(
            ADAPTATIONS, study.get(ADAPTATIONS), this::readAdaptation, StudyDefaults.ADAPTATIONS);
    List<Double> fractions =
        readList(FRACTIONS, study.get(FRACTIONS), this::readDouble, StudyDefaults.LABEL_FRACTIONS);
    List<Integer> resolutions =
        readList(RESOLUTIONS, study.get(RESOLUTIONS), this::readInt, StudyDefaults.RESOLUTIONS);
    ResizeMode resize =
        readString(RESIZE, study.get(RESIZE))
            .flatMap(
                text -> readEnum(RESIZE, text, ResizeMode::fromFileName, ResizeMode.fileNames()))
            .orElse(StudyDefaults.RESIZE);
    List<Long> seeds = readList(SEEDS, study.get(SEEDS), this::readLong, StudyDefaults.SEEDS);
    TrainingSettings training = readTraining(study.get(TRAINING));
    Map<?, ?> budget = readMap(BUDGET, study.get(BUDGET));
    reportUnknownKeys(BUDGET, budget, BUDGET_KEYS);
    int maxTrials =
        readInt(BUDGET_MAX_TRIALS, budget.get(MAX_TRIALS)).orElse(StudyDefaults.MAX_TRIALS);
    int maxAttempts =
        readInt(child(BUDGET, StudyFields.MAX_ATTEMPTS), budget.get(StudyFields.MAX_ATTEMPTS))
            .orElse(StudyDefaults.MAX_ATTEMPTS);
    int trialTimeoutMinutes =
        readInt(
                child(BUDGET, StudyFields.TRIAL_TIMEOUT_MINUTES),
                budget.get(StudyFields.TRIAL_TIMEOUT_MINUTES))
            .orElse(StudyDefaults.TRIAL_TIMEOUT_MINUTES);
    Map<String, CustomCnn> customArchitectures =
        readCustomArchitectures(study.get(CUSTOM_ARCHITECTURES));
    UnrunnablePolicy unrunnable =
        readFileNamed(UNRUNNABLE, study.get(UNRUNNABLE), UnrunnablePolicy.values())
            .orElse(UnrunnablePolicy.FAIL);
    adaptations = withLinearProbeDefault(adaptations, training.epochs());

    StudyDefinition definition =
        new StudyDefinition(
            name,
            datasets,
            architectures,
            inits,
            adaptations,
            fractions,
            resolutions,
            resize,
            seeds,
            training,
            maxTrials,
            customArchitectures,
            unrunnable,
            maxAttempts,
            trialTimeoutMinutes);
    return new Reading(definition, List.copyOf(problems));
  }

  private TrainingSettings readTraining(Object value) {
    Map<?, ?> training = readMap(TRAINING, value);
    reportUnknownKeys(TRAINING, training, TRAINING_KEYS);
    int epochs = readInt(StudyFields.training(EPOCHS), training.get(EPOCHS)).orElse(0);
    int batchSize =
        readInt(StudyFields.training(BATCH_SIZE), training.get(BATCH_SIZE))
            .orElse(StudyDefaults.BATCH_SIZE);
    String optimizerPath = StudyFields.training(OPTIMIZER);
    OptimizerKind optimizer =
        readString(optimizerPath, training.get(OPTIMIZER))
            .flatMap(
                text ->
                    readEnum(
                        optimizerPath,
                        text,
                        OptimizerKind::fromFileName,
                        OptimizerKind.fileNames()))
            .orElse(StudyDefaults.OPTIMIZER);
    double learningRate =
        readDouble(StudyFields.training(LEARNING_RATE), training.get(LEARNING_RATE))
            .orElse(StudyDefaults.LEARNING_RATE);
    String earlyStoppingPath = StudyFields.training(EARLY_STOPPING);
    Map<?, ?> earlyStopping = readMap(earlyStoppingPath, training.get(EARLY_STOPPING));
    reportUnknownKeys(earlyStoppingPath, earlyStopping, EARLY_STOPPING_KEYS);
    int patience =
        readInt(child(earlyStoppingPath, PATIENCE), earlyStopping.get(PATIENCE))
            .orElse(StudyDefaults.EARLY_STOPPING_PATIENCE);
    String metricPath = child(earlyStoppingPath, METRIC);
    readString(metricPath, earlyStopping.get(METRIC))
        .filter(metric -> !metric.equals(VAL_AUC))
        .ifPresent(
            metric ->
                problems.add(
                    new Violation(
                        metricPath, "unknown value '" + metric + "'; expected one of " + VAL_AUC)));
    double momentum =
        readDouble(StudyFields.training(MOMENTUM), training.get(MOMENTUM)).orElse(0.0);
    double weightDecay =
        readDouble(StudyFields.training(WEIGHT_DECAY), training.get(WEIGHT_DECAY)).orElse(0.0);
    Double backboneLearningRate =
        readDouble(
                StudyFields.training(BACKBONE_LEARNING_RATE), training.get(BACKBONE_LEARNING_RATE))
            .orElse(null);
    Precision precision =
        readFileNamed(StudyFields.training(PRECISION), training.get(PRECISION), Precision.values())
            .orElse(Precision.FP32);
    Normalization normalization =
        readFileNamed(
                StudyFields.training(NORMALIZATION),
                training.get(NORMALIZATION),
                Normalization.values())
            .orElse(Normalization.MATCHED);
    return new TrainingSettings(
        epochs,
        batchSize,
        optimizer,
        learningRate,
        patience,
        momentum,
        readSchedule(training.get(SCHEDULE)),
        readAugmentation(training.get(AUGMENTATION)),
        precision,
        backboneLearningRate,
        normalization,
        weightDecay);
  }

  /** {@code {type: step, milestones: [0.5, 0.75], gamma: 0.1}}; constant when absent. */
  private Schedule readSchedule(Object value) {
    String path = StudyFields.training(SCHEDULE);
    if (value == null) {
      return Schedule.CONSTANT;
    }
    Map<?, ?> schedule = readMap(path, value);
    reportUnknownKeys(path, schedule, SCHEDULE_KEYS);
    ScheduleKind kind =
        readFileNamed(child(path, TYPE), schedule.get(TYPE), ScheduleKind.values())
            .orElse(ScheduleKind.CONSTANT);
    List<Double> milestones =
        readList(child(path, MILESTONES), schedule.get(MILESTONES), this::readDouble, List.of());
    double gamma =
        readDouble(child(path, GAMMA), schedule.get(GAMMA))
            .orElse(kind == ScheduleKind.STEP ? StudyDefaults.STEP_GAMMA : 0.0);
    return new Schedule(kind, milestones, gamma);
  }

  /** {@code {horizontal_flip: true, max_shift: 0.1, max_rotation: 15}}; none when absent. */
  private Augmentation readAugmentation(Object value) {
    String path = StudyFields.training(AUGMENTATION);
    Map<?, ?> augmentation = readMap(path, value);
    reportUnknownKeys(path, augmentation, AUGMENTATION_KEYS);
    return new Augmentation(
        readBoolean(child(path, HORIZONTAL_FLIP), augmentation.get(HORIZONTAL_FLIP)),
        readBoolean(child(path, VERTICAL_FLIP), augmentation.get(VERTICAL_FLIP)),
        readDouble(child(path, MAX_SHIFT), augmentation.get(MAX_SHIFT)).orElse(0.0),
        readDouble(child(path, MAX_ROTATION), augmentation.get(MAX_ROTATION)).orElse(0.0));
  }

  /** {@code {name: {blocks: [{filters: 16, pool: max}, ...], dropout: 0.2}}}, in file order. */
  private Map<String, CustomCnn> readCustomArchitectures(Object value) {
    Map<?, ?> networks = readMap(CUSTOM_ARCHITECTURES, value);
    Map<String, CustomCnn> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : networks.entrySet()) {
      String name = String.valueOf(entry.getKey());
      String path = child(CUSTOM_ARCHITECTURES, name);
      Map<?, ?> network = readMap(path, entry.getValue());
      reportUnknownKeys(path, network, CUSTOM_CNN_KEYS);
      List<ConvBlock> blocks =
          readList(child(path, BLOCKS), network.get(BLOCKS), this::readConvBlock, List.of());
      double dropout = readDouble(child(path, DROPOUT), network.get(DROPOUT)).orElse(0.0);
      out.put(name, new CustomCnn(blocks, dropout));
    }
    return out;
  }

  private Optional<ConvBlock> readConvBlock(String path, Object value) {
    Map<?, ?> block = readMap(path, value);
    reportUnknownKeys(path, block, CONV_BLOCK_KEYS);
    return Optional.of(
        new ConvBlock(
            readInt(child(path, FILTERS), block.get(FILTERS)).orElse(0),
            readInt(child(path, KERNEL_SIZE), block.get(KERNEL_SIZE)).orElse(3),
            readInt(child(path, CONVS), block.get(CONVS)).orElse(1),
            readBoolean(child(path, BATCH_NORM), block.get(BATCH_NORM)),
            readFileNamed(child(path, POOL), block.get(POOL), PoolKind.values())
                .orElse(PoolKind.NONE)));
  }

  /** LP-FT without {@code linear_probe_epochs} probes for half the epochs (at least one). */
  private static List<Adaptation> withLinearProbeDefault(List<Adaptation> adaptations, int epochs) {
    return adaptations.stream()
        .map(
            adaptation ->
                adaptation != null
                        && adaptation.kind() == AdaptationKind.LP_FT
                        && adaptation.linearProbeEpochs() == 0
                    ? new Adaptation(
                        adaptation.kind(), adaptation.upToBlock(), Math.max(1, epochs / 2))
                    : adaptation)
        .toList();
  }

  /** {@code random} or {@code {kind: partial, up_to_block: 3}}. */
  private Optional<Initialization> readInit(String path, Object value) {
    if (value instanceof String text) {
      return readEnum(path, text, InitKind::fromFileName, InitKind.fileNames())
          .map(Initialization::of);
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(
          new Violation(
              path,
              "must be an initialisation name or a mapping with 'kind', was " + describe(value)));
      return Optional.empty();
    }
    reportUnknownKeys(path, map, INIT_KEYS);
    Optional<InitKind> kind = readKind(path, map, InitKind::fromFileName, InitKind.fileNames());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String weights = readString(child(path, WEIGHTS), map.get(WEIGHTS)).orElse("");
    int upToBlock = readInt(child(path, UP_TO_BLOCK), map.get(UP_TO_BLOCK)).orElse(0);
    String sourceTrial = readString(child(path, SOURCE_TRIAL), map.get(SOURCE_TRIAL)).orElse("");
    return Optional.of(new Initialization(kind.get(), weights, upToBlock, sourceTrial));
  }

  /** {@code full} or {@code {kind: freeze_up_to_block, up_to_block: 3}}. */
  private Optional<Adaptation> readAdaptation(String path, Object value) {
    if (value instanceof String text) {
      return readEnum(path, text, AdaptationKind::fromFileName, AdaptationKind.fileNames())
          .map(Adaptation::of);
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(
          new Violation(
              path, "must be an adaptation name or a mapping with 'kind', was " + describe(value)));
      return Optional.empty();
    }
    reportUnknownKeys(path, map, ADAPTATION_KEYS);
    Optional<AdaptationKind> kind =
        readKind(path, map, AdaptationKind::fromFileName, AdaptationKind.fileNames());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    int upToBlock = readInt(child(path, UP_TO_BLOCK), map.get(UP_TO_BLOCK)).orElse(0);
    int linearProbeEpochs =
        readInt(child(path, LINEAR_PROBE_EPOCHS), map.get(LINEAR_PROBE_EPOCHS)).orElse(0);
    return Optional.of(new Adaptation(kind.get(), upToBlock, linearProbeEpochs));
  }

  private <E> Optional<E> readKind(
      String path, Map<?, ?> map, Function<String, Optional<E>> lookup, String expected) {
    String kindPath = child(path, KIND);
    if (map.get(KIND) == null) {
      problems.add(new Violation(kindPath, "is required; one of " + expected));
      return Optional.empty();
    }
    return readString(kindPath, map.get(KIND))
        .flatMap(text -> readEnum(kindPath, text, lookup, expected));
  }

  private <E> Optional<E> readEnum(
      String path, String text, Function<String, Optional<E>> lookup, String expected) {
    Optional<E> value = lookup.apply(text);
    if (value.isEmpty()) {
      problems.add(
          new Violation(path, "unknown value '" + text + "'; expected one of " + expected));
    }
    return value;
  }

  /** Reads a list; absent gives {@code absent} (or an empty list when null). */
  private <T> List<T> readList(
      String path, Object value, ElementReader<T> readElement, List<T> absent) {
    if (value == null) {
      return absent == null ? List.of() : absent;
    }
    if (!(value instanceof List<?> list)) {
      problems.add(new Violation(path, "must be a list, was " + describe(value)));
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (item == null) {
        problems.add(new Violation(element(path, i), "is empty"));
        out.add(null);
      } else {
        out.add(readElement.read(element(path, i), item).orElse(null));
      }
    }
    return out;
  }

  /** Reads one list element at {@code path}; empty when it is unreadable (and reported). */
  @FunctionalInterface
  private interface ElementReader<T> {
    Optional<T> read(String path, Object value);
  }

  private Map<?, ?> readMap(String path, Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    problems.add(new Violation(path, "must be a mapping, was " + describe(value)));
    return Map.of();
  }

  private Optional<String> readString(String path, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    problems.add(new Violation(path, "must be a string, was " + describe(value)));
    return Optional.empty();
  }

  private <E extends FileNamed> Optional<E> readFileNamed(String path, Object value, E[] values) {
    return readString(path, value)
        .flatMap(
            text ->
                readEnum(path, text, name -> FileNamed.find(values, name), FileNamed.list(values)));
  }

  private boolean readBoolean(String path, Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    problems.add(new Violation(path, "must be true or false, was " + describe(value)));
    return false;
  }

  private Optional<Integer> readInt(String path, Object value) {
    return readLong(path, value)
        .flatMap(
            number -> {
              if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                problems.add(new Violation(path, "is out of range: " + number));
                return Optional.empty();
              }
              return Optional.of(number.intValue());
            });
  }

  private Optional<Long> readLong(String path, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer || value instanceof Long) {
      return Optional.of(((Number) value).longValue());
    }
    if (value instanceof BigInteger) {
      problems.add(new Violation(path, "is out of range: " + value));
      return Optional.empty();
    }
    problems.add(new Violation(path, "must be a whole number, was " + describe(value)));
    return Optional.empty();
  }

  private Optional<Double> readDouble(String path, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number number) {
      return Optional.of(number.doubleValue());
    }
    problems.add(new Violation(path, "must be a number, was " + describe(value)));
    return Optional.empty();
  }

  private void reportUnknownKeys(String parent, Map<?, ?> map, List<String> known) {
    for (Object key : map.keySet()) {
      String text = String.valueOf(key);
      if (!(key instanceof String) || !known.contains(text)) {
        String path = parent.isEmpty() ? text : child(parent, text);
        problems.add(
            new Violation(path, "unknown key; expected one of " + String.join(", ", known)));
      }
    }
  }

  /** A short description of a parsed value, for "was ..." in messages. */
  private static String describe(Object value) {
    if (value == null) {
      return "empty";
    }
    if (value instanceof String text) {
      return "the string '" + text + "'";
    }
    if (value instanceof Boolean flag) {
      return "the boolean " + flag;
    }
    if (value instanceof Number number) {
      return "the number " + number;
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    return "a " + value.getClass().getSimpleName();
  }
}
