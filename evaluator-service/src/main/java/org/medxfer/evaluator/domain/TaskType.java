package org.medxfer.evaluator.domain;

/** The label structure of a data set, which decides how test metrics are computed. */
public enum TaskType {
  /** Two classes; AUC and ACC use the score of class 1, the positive class. */
  BINARY,
  /** One label out of more than two classes; macro one-vs-rest AUC and argmax ACC. */
  MULTI_CLASS,
  /**
   * Any subset of the classes (labels), stored as a bit mask per image; mean per-label AUC and ACC
   * at 0.5 ({@link MultiLabelMetrics}). The extended report (AUPRC, recall, F1, calibration) is
   * defined for one class per image and is not computed.
   */
  MULTI_LABEL,
  /** Ordered grades; MedMNIST scores them exactly like multi-class. */
  ORDINAL
}
