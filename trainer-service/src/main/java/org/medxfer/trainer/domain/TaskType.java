package org.medxfer.trainer.domain;

import org.medxfer.common.domain.LabelMasks;

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
  ORDINAL,
  /**
   * Any subset of k labels per image, stored as a bit mask (bit j set when label j is present, at
   * most {@link #MAX_LABELS} labels). Trained with one sigmoid per label (cross-entropy averaged
   * over the labels); AUC is the unweighted mean of per-label AUCs.
   */
  MULTI_LABEL;

  /** A multi-label mask is an int, so at most 31 labels fit (the sign bit stays clear). */
  public static final int MAX_LABELS = LabelMasks.MAX_LABELS;

  /**
   * Writes image {@code label}'s training target, k floats, at {@code offset}: a one-hot vector of
   * the class, or for a multi-label task the mask decoded into a multi-hot vector.
   */
  public void writeTarget(int label, int k, float[] target, int offset) {
    if (this == MULTI_LABEL) {
      for (int j = 0; j < k; j++) {
        target[offset + j] = LabelMasks.contains(label, j) ? 1f : 0f;
      }
    } else {
      target[offset + label] = 1f;
    }
  }

  /** Whether {@code label} is a valid stored label of a task with {@code k} classes or labels. */
  public boolean isValidLabel(int label, int k) {
    return this == MULTI_LABEL ? LabelMasks.isValid(label, k) : label >= 0 && label < k;
  }
}
