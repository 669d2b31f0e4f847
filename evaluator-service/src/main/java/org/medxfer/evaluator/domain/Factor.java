package org.medxfer.evaluator.domain;

import java.util.List;

/** A factor that defines an arm of a comparison. */
public enum Factor {
  DATASET,
  ARCHITECTURE,
  INIT,
  ADAPTATION,
  LABEL_FRACTION,
  RESOLUTION;

  /** The arm definition when a request names no factor: every factor, in this order. */
  public static final List<Factor> ALL = List.of(values());
}
