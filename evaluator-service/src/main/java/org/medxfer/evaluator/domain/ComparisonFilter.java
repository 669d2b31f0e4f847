package org.medxfer.evaluator.domain;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which trials a comparison counts: those whose factors are among the listed values. An empty list
 * does not filter its factor. Values are kept sorted and without repeats, so that two requests
 * asking for the same trials have equal filters (and page tokens bound to them).
 */
public record ComparisonFilter(
    List<String> datasets,
    List<String> architectures,
    List<InitKind> initKinds,
    List<Double> labelFractions,
    List<Integer> resolutions) {

  /** The filter that keeps every trial. */
  public static final ComparisonFilter NONE =
      new ComparisonFilter(List.of(), List.of(), List.of(), List.of(), List.of());

  public ComparisonFilter {
    datasets = List.copyOf(new TreeSet<>(datasets));
    architectures = List.copyOf(new TreeSet<>(architectures));
    initKinds = List.copyOf(new TreeSet<>(initKinds));
    labelFractions = List.copyOf(new TreeSet<>(labelFractions));
    resolutions = List.copyOf(new TreeSet<>(resolutions));
  }

  /** Whether this filter keeps every trial. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** Whether a trial with {@code factors} counts. */
  public boolean matches(TrialFactors factors) {
    return keeps(datasets, factors.dataset())
        && keeps(architectures, factors.architecture())
        && keeps(initKinds, factors.init().kind())
        && keeps(labelFractions, factors.labelFraction())
        && keeps(resolutions, factors.resolution());
  }

  private static <T> boolean keeps(List<T> values, T value) {
    return values.isEmpty() || Set.copyOf(values).contains(value);
  }
}
