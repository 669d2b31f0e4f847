package org.medxfer.evaluator.domain;

/** The label structure of a data set, which decides how test metrics are computed. */
public enum TaskType {
  /** Two classes; AUC and ACC use the score of class 1, the positive class. */
  BINARY,
  /** One label out of more than two classes; macro one-vs-rest AUC and argmax ACC. */
  MULTI_CLASS,
  /**
   * Any subset of the classes. Not computable from stored predictions yet: a {@code
   * TestPredictions} holds one class index per image, so the label sets are lost; {@link
   * MultiLabelMetrics} defines how label sets are scored.
   */
  MULTI_LABEL,
  /** Ordered grades; MedMNIST scores them exactly like multi-class. */
  ORDINAL
}
