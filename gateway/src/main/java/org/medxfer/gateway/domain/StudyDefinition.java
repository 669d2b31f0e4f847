package org.medxfer.gateway.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study as its author wrote it, defaults applied, not yet judged: {@link StudyValidator} decides
 * whether it can run. A list element is null where the study file had something that could not be
 * read at all; that problem has already been reported.
 *
 * @param displayName the study's {@code name}
 * @param datasets data set ids, each optionally with {@code @version}
 * @param architectures architecture ids
 * @param inits initialisations
 * @param adaptations adaptation policies
 * @param labelFractions fractions of the training split, in (0, 1]
 * @param resolutions input side lengths in pixels
 * @param resize how images reach each resolution
 * @param seeds seeds; every arm runs every seed
 * @param training settings shared by every trial
 * @param maxTrials the most trials the study may expand to
 * @param customArchitectures CNNs the study describes, by the name {@code architectures} uses
 * @param unrunnable what to do with cells that cannot run
 * @param maxAttempts attempts a trial may make before it stays failed
 * @param trialTimeoutMinutes minutes an attempt may run before it is ended as timed out
 */
public record StudyDefinition(
    String displayName,
    List<String> datasets,
    List<String> architectures,
    List<Initialization> inits,
    List<Adaptation> adaptations,
    List<Double> labelFractions,
    List<Integer> resolutions,
    ResizeMode resize,
    List<Long> seeds,
    TrainingSettings training,
    int maxTrials,
    Map<String, CustomCnn> customArchitectures,
    UnrunnablePolicy unrunnable,
    int maxAttempts,
    int trialTimeoutMinutes) {

  public StudyDefinition {
    displayName = displayName == null ? "" : displayName;
    datasets = copy(datasets);
    architectures = copy(architectures);
    inits = copy(inits);
    adaptations = copy(adaptations);
    labelFractions = copy(labelFractions);
    resolutions = copy(resolutions);
    seeds = copy(seeds);
    customArchitectures =
        customArchitectures == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(customArchitectures));
    unrunnable = unrunnable == null ? UnrunnablePolicy.FAIL : unrunnable;
  }

  /** A study without custom architectures that refuses unrunnable cells. */
  public StudyDefinition(
      String displayName,
      List<String> datasets,
      List<String> architectures,
      List<Initialization> inits,
      List<Adaptation> adaptations,
      List<Double> labelFractions,
      List<Integer> resolutions,
      ResizeMode resize,
      List<Long> seeds,
      TrainingSettings training,
      int maxTrials) {
    this(
        displayName,
        datasets,
        architectures,
        inits,
        adaptations,
        labelFractions,
        resolutions,
        resize,
        seeds,
        training,
        maxTrials,
        Map.of(),
        UnrunnablePolicy.FAIL,
        StudyDefaults.MAX_ATTEMPTS,
        StudyDefaults.TRIAL_TIMEOUT_MINUTES);
  }

  /** The number of trials the cross product of the factors has (readable elements only). */
  public long trialCount() {
    return countReadable(datasets)
        * countReadable(architectures)
        * countReadable(inits)
        * countReadable(adaptations)
        * countReadable(labelFractions)
        * countReadable(resolutions)
        * countReadable(seeds);
  }

  private static long countReadable(List<?> values) {
    return values.stream().filter(value -> value != null).count();
  }

  // Keeps nulls (unreadable elements) so that positions still match the study file.
  private static <T> List<T> copy(List<T> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }
}
