package org.medxfer.evaluator.domain;

import java.util.Arrays;

/**
 * A trial's test-split outputs: one true class index per image and a row-major score matrix, score
 * {@code scores[i * numClasses + c]} for image i and class c.
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
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new InvalidPredictionsException(
            "label of image %d is %d, outside [0, %d)".formatted(i, labels[i], numClasses));
      }
    }
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
