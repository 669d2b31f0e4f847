package org.medxfer.evaluator.domain;

import java.util.Comparator;

/**
 * A trial's starting weights, in full: two PARTIAL initialisations up to different blocks are
 * different arms, so comparisons group by all of it, not by the kind alone.
 */
public record InitSpec(InitKind kind, String weights, int upToBlock, String sourceTrial)
    implements Comparable<InitSpec> {

  private static final Comparator<InitSpec> ORDER =
      Comparator.comparing(InitSpec::kind)
          .thenComparing(InitSpec::weights)
          .thenComparingInt(InitSpec::upToBlock)
          .thenComparing(InitSpec::sourceTrial);

  public InitSpec {
    if (kind == null || weights == null || sourceTrial == null) {
      throw new IllegalArgumentException("an initialisation needs a kind, weights and a source");
    }
  }

  @Override
  public int compareTo(InitSpec other) {
    return ORDER.compare(this, other);
  }
}
