package org.medxfer.common.domain;

/**
 * Multi-label label sets as data sets store them: one int per image, bit k set when label k is
 * present. The one decoding the trainer and the evaluator share.
 */
public final class LabelMasks {

  /** A mask is an int with its sign bit clear, so at most 31 labels fit. */
  public static final int MAX_LABELS = 31;

  private LabelMasks() {}

  /** Whether label {@code label} is in {@code mask}. */
  public static boolean contains(int mask, int label) {
    return (mask >>> label & 1) == 1;
  }

  /** Whether {@code mask} is a set of labels among 0..labels-1 (no other bit, sign bit clear). */
  public static boolean isValid(int mask, int labels) {
    return mask >= 0 && mask >>> labels == 0;
  }

  /** 1 where {@code label} is in the image's mask, 0 elsewhere: one label as a binary task. */
  public static int[] presence(int[] masks, int label) {
    int[] present = new int[masks.length];
    for (int i = 0; i < masks.length; i++) {
      present[i] = contains(masks[i], label) ? 1 : 0;
    }
    return present;
  }
}
