package org.medxfer.evaluator.domain;

import java.util.Comparator;

/** Which weights a trial trains, in full (the frozen block is part of the arm). */
public record AdaptationSpec(AdaptationKind kind, int freezeUpToBlock)
    implements Comparable<AdaptationSpec> {

  private static final Comparator<AdaptationSpec> ORDER =
      Comparator.comparing(AdaptationSpec::kind).thenComparingInt(AdaptationSpec::freezeUpToBlock);

  public AdaptationSpec {
    if (kind == null) {
      throw new IllegalArgumentException("an adaptation needs a kind");
    }
  }

  @Override
  public int compareTo(AdaptationSpec other) {
    return ORDER.compare(this, other);
  }
}
