package org.medxfer.trainer.domain;

/** The label structure of a data set: it decides the loss and how validation AUC is summarised. */
public enum TaskType {
  /** Two classes; AUC is computed on the score of class 1 (the positive class). */
  BINARY,
  /** One label out of k > 2 classes; AUC is the unweighted mean of one-vs-rest AUCs. */
  MULTI_CLASS,
  /**
   * Ordered grades 0..k-1. Trained as k-way classification (softmax cross-entropy), as the MedMNIST
   * baselines do; AUC as for multi-class.
   */
  ORDINAL
}
