package org.medxfer.evaluator.domain;

/**
 * A reason not to take a headline metric at face value.
 *
 * @param kind what misleads
 * @param classIndex the class concerned, or -1 when the warning is about the whole test set
 * @param message a sentence a reader of the report understands
 */
public record MetricWarning(Kind kind, int classIndex, String message) {

  /** The situations in which a metric misleads. */
  public enum Kind {
    /** ACC is no better than always predicting the most frequent test class. */
    ACCURACY_AT_MAJORITY_BASELINE,
    /** A class is almost never recalled (recall below 0.1) while the macro AUC looks good. */
    CLASS_RARELY_RECALLED
  }
}
