package org.medxfer.common.images;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code count} uint8 images of {@code height × width × channels}, channels last, each with one
 * integer label. Pixels are stored unsigned in a byte array (read them with {@code & 0xff}).
 */
public record LabeledImages(
    int count, int height, int width, int channels, byte[] pixels, int[] labels) {

  public LabeledImages {
    if (count < 0 || height <= 0 || width <= 0 || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(
          "invalid image block: count=%d shape=%dx%dx%d".formatted(count, height, width, channels));
    }
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    long expected = (long) count * height * width * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixel array holds %d bytes, %d images of %dx%dx%d need %d"
              .formatted(pixels.length, count, height, width, channels, expected));
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("%d labels for %d images".formatted(labels.length, count));
    }
  }

  /** Bytes of one image. */
  public int imageBytes() {
    return height * width * channels;
  }

  /** Number of images per label value, for labels {@code 0..numClasses-1}. */
  public long[] classCounts(int numClasses) {
    long[] counts = new long[numClasses];
    for (int label : labels) {
      if (label < 0 || label >= numClasses) {
        throw new IllegalArgumentException(
            "label %d outside the %d declared classes".formatted(label, numClasses));
      }
      counts[label]++;
    }
    return counts;
  }

  /**
   * For multi-label images, whose labels are bit masks: the number of images that have each of the
   * classes {@code 0..numClasses-1}.
   */
  public long[] maskCounts(int numClasses) {
    long[] counts = new long[numClasses];
    for (int label : labels) {
      if (label < 0 || (numClasses < 31 && label >= 1 << numClasses)) {
        throw new IllegalArgumentException(
            "label mask %s names a class beyond the %d declared"
                .formatted(Integer.toBinaryString(label), numClasses));
      }
      for (int k = 0; k < numClasses; k++) {
        counts[k] += (label >>> k) & 1;
      }
    }
    return counts;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabeledImages that
        && count == that.count
        && height == that.height
        && width == that.width
        && channels == that.channels
        && Arrays.equals(pixels, that.pixels)
        && Arrays.equals(labels, that.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, height, width, channels, Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "LabeledImages[%d x %dx%dx%d]".formatted(count, height, width, channels);
  }
}
