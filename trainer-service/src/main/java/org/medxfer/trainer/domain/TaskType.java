package org.medxfer.trainer.domain;

/** The label structure of a data set, which decides how validation AUC is summarised. */
public enum TaskType {
  /** Two classes; AUC is computed on the score of class 1 (the positive class). */
  BINARY,
  /** One label out of k > 2 classes; AUC is the unweighted mean of one-vs-rest AUCs. */
  MULTI_CLASS
}
