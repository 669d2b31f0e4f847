package org.medxfer.trainer.domain;

/** The three disjoint parts of a data set a trial uses. */
public enum DataSplit {
  /** Fits the weights. */
  TRAIN,
  /** Picks the epoch whose weights predict the test split. */
  VAL,
  /** Scored once, with the selected weights; the evaluator computes the reported metrics. */
  TEST
}
