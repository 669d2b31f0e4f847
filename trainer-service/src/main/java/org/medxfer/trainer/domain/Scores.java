package org.medxfer.trainer.domain;

import java.util.Arrays;

/**
 * Class probabilities for a set of images, row-major: {@code values[i * classes + k]} is image i's
 * score for class k.
 */
public record Scores(int count, int classes, float[] values) {

  public Scores {
    if (count < 0 || classes < 1 || values == null || values.length != count * classes) {
      throw new IllegalArgumentException(
          "scores need count*classes values: "
              + count
              + "x"
              + classes
              + ", got "
              + (values == null ? "none" : values.length));
    }
  }

  public float get(int image, int classIndex) {
    return values[image * classes + classIndex];
  }

  /** One class's scores for every image, as a new array. */
  public float[] column(int classIndex) {
    float[] column = new float[count];
    for (int i = 0; i < count; i++) {
      column[i] = values[i * classes + classIndex];
    }
    return column;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Scores that
        && count == that.count
        && classes == that.classes
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * count + classes) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Scores[" + count + "x" + classes + "]";
  }
}
