package org.medxfer.gateway.domain;

import static org.medxfer.gateway.domain.StudyFields.ADAPTATIONS;
import static org.medxfer.gateway.domain.StudyFields.ARCHITECTURES;
import static org.medxfer.gateway.domain.StudyFields.BATCH_SIZE;
import static org.medxfer.gateway.domain.StudyFields.BUDGET;
import static org.medxfer.gateway.domain.StudyFields.BUDGET_MAX_TRIALS;
import static org.medxfer.gateway.domain.StudyFields.DATASETS;
import static org.medxfer.gateway.domain.StudyFields.EARLY_STOPPING;
import static org.medxfer.gateway.domain.StudyFields.EPOCHS;
import static org.medxfer.gateway.domain.StudyFields.FRACTIONS;
import static org.medxfer.gateway.domain.StudyFields.INITS;
import static org.medxfer.gateway.domain.StudyFields.KIND;
import static org.medxfer.gateway.domain.StudyFields.LEARNING_RATE;
import static org.medxfer.gateway.domain.StudyFields.MAX_TRIALS;
import static org.medxfer.gateway.domain.StudyFields.NAME;
import static org.medxfer.gateway.domain.StudyFields.OPTIMIZER;
import static org.medxfer.gateway.domain.StudyFields.PATIENCE;
import static org.medxfer.gateway.domain.StudyFields.RESIZE;
import static org.medxfer.gateway.domain.StudyFields.RESOLUTIONS;
import static org.medxfer.gateway.domain.StudyFields.SEEDS;
import static org.medxfer.gateway.domain.StudyFields.SOURCE_TRIAL;
import static org.medxfer.gateway.domain.StudyFields.TRAINING;
import static org.medxfer.gateway.domain.StudyFields.UP_TO_BLOCK;
import static org.medxfer.gateway.domain.StudyFields.WEIGHTS;
import static org.medxfer.gateway.domain.StudyFields.child;
import static org.medxfer.gateway.domain.StudyFields.element;

import java.math.BigInteger;
import java.util.ArrayList;
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
  private static final List<String> ADAPTATION_KEYS = List.of(KIND, UP_TO_BLOCK);
  private static final List<String> TRAINING_KEYS =
      List.of(EPOCHS, BATCH_SIZE, OPTIMIZER, LEARNING_RATE, EARLY_STOPPING);
  private static final List<String> EARLY_STOPPING_KEYS = List.of(PATIENCE);
  private static final List<String> BUDGET_KEYS = List.of(MAX_TRIALS);

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
    int maxTrials = readBudget(study.get(BUDGET));

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
            maxTrials);
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
    return new TrainingSettings(epochs, batchSize, optimizer, learningRate, patience);
  }

  private int readBudget(Object value) {
    Map<?, ?> budget = readMap(BUDGET, value);
    reportUnknownKeys(BUDGET, budget, BUDGET_KEYS);
    return readInt(BUDGET_MAX_TRIALS, budget.get(MAX_TRIALS)).orElse(StudyDefaults.MAX_TRIALS);
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
    return Optional.of(new Adaptation(kind.get(), upToBlock));
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
