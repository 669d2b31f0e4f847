package org.medxfer.evaluator.domain;

/**
 * A reason not to take a headline metric at face value.
 *
 * @param kind what misleads
 * @param classIndex the class concerned, or -1 when the warning is about the whole test set (or the
 *     whole study)
 * @param message a sentence a reader of the report understands
 */
public record MetricWarning(Kind kind, int classIndex, String message) {

  /** The situations in which a metric misleads. */
  public enum Kind {
    /** ACC is no better than always predicting the most frequent test class. */
    ACCURACY_AT_MAJORITY_BASELINE,
    /** A class is almost never recalled (recall below 0.1) while the macro AUC looks good. */
    CLASS_RARELY_RECALLED,
    /**
     * A study's trials were trained by more than one code version, or only some recorded theirs: a
     * study-wide warning of the report, never stored with a trial.
     */
    MIXED_CODE_VERSIONS
  }
}
