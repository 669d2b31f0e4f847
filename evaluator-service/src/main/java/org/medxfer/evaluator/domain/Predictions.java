package org.medxfer.evaluator.domain;

import java.util.Arrays;
import org.medxfer.common.domain.LabelMasks;

/**
 * A trial's test-split outputs: one true label per image and a row-major score matrix, score {@code
 * scores[i * numClasses + c]} for image i and class c. A label is the class index; for a {@link
 * TaskType#MULTI_LABEL} task it is the image's label set as a bit mask (bit c set when label c is
 * present), and score c is label c's own probability.
 *
 * <p>The constructor checks the shape only (sizes and label range); whether metrics are defined for
 * these values is {@link MedMnistMetrics}' call.
 */
public record Predictions(TaskType taskType, int numClasses, int[] labels, float[] scores) {

  public Predictions {
    if (taskType == null) {
      throw new InvalidPredictionsException("predictions have no task type");
    }
    if (labels == null || scores == null) {
      throw new InvalidPredictionsException("predictions need labels and scores");
    }
    if (numClasses < 1) {
      throw new InvalidPredictionsException(
          "predictions need at least one score column, got " + numClasses);
    }
    if ((long) labels.length * numClasses != scores.length) {
      throw new InvalidPredictionsException(
          "%d labels with %d score columns need %d scores, got %d"
              .formatted(
                  labels.length, numClasses, (long) labels.length * numClasses, scores.length));
    }
    if (taskType == TaskType.MULTI_LABEL && numClasses > LabelMasks.MAX_LABELS) {
      throw new InvalidPredictionsException(
          "multi-label predictions have at most %d labels (one bit each in a mask), got %d"
              .formatted(LabelMasks.MAX_LABELS, numClasses));
    }
    for (int i = 0; i < labels.length; i++) {
      if (taskType == TaskType.MULTI_LABEL) {
        if (!LabelMasks.isValid(labels[i], numClasses)) {
          throw new InvalidPredictionsException(
              "label mask of image %d is %d, which sets a bit outside the %d labels"
                  .formatted(i, labels[i], numClasses));
        }
      } else if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new InvalidPredictionsException(
            "label of image %d is %d, outside [0, %d)".formatted(i, labels[i], numClasses));
      }
    }
  }

  /**
   * Whether image {@code image} counts as a positive of score column {@code classIndex}: its label
   * is that class, or for a multi-label task that label is in its set.
   */
  public boolean isPositive(int image, int classIndex) {
    return taskType == TaskType.MULTI_LABEL
        ? LabelMasks.contains(labels[image], classIndex)
        : labels[image] == classIndex;
  }

  /**
   * The labels as a row-major n × numClasses matrix of 0/1, {@code [i * numClasses + c]} is 1 when
   * image i is a positive of class c (the layout {@link MultiLabelMetrics} takes).
   */
  public int[] labelMatrix() {
    int[] matrix = new int[labels.length * numClasses];
    for (int i = 0; i < labels.length; i++) {
      for (int c = 0; c < numClasses; c++) {
        matrix[i * numClasses + c] = isPositive(i, c) ? 1 : 0;
      }
    }
    return matrix;
  }

  /** Number of test images. */
  public int count() {
    return labels.length;
  }

  /** Image {@code image}'s score for class {@code classIndex}. */
  public float score(int image, int classIndex) {
    return scores[image * numClasses + classIndex];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Predictions that
        && taskType == that.taskType
        && numClasses == that.numClasses
        && Arrays.equals(labels, that.labels)
        && Arrays.equals(scores, that.scores);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * taskType.hashCode() + numClasses) + Arrays.hashCode(labels))
        + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "Predictions[" + taskType + ", " + labels.length + "x" + numClasses + "]";
  }
}
