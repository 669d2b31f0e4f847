package org.medxfer.common.images;

/**
 * Resamples uint8 channels-last images: area averaging where an axis shrinks (every source pixel
 * contributes by the share of it the target pixel covers, so thin structures do not alias away),
 * bilinear interpolation with centre-aligned pixels where it grows. Deterministic and pure, so a
 * resolution variant is the same bytes wherever it is computed.
 */
public final class ImageResizer {

  private ImageResizer() {}

  /** Every image of {@code images} at {@code height x width}; the labels are shared. */
  public static LabeledImages resize(LabeledImages images, int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("target size %dx%d".formatted(height, width));
    }
    if (images.height() == height && images.width() == width) {
      return images;
    }
    int channels = images.channels();
    int sourceBytes = images.imageBytes();
    int targetBytes = height * width * channels;
    byte[] pixels = new byte[Math.multiplyExact(images.count(), targetBytes)];
    for (int i = 0; i < images.count(); i++) {
      resizeImage(
          images.pixels(),
          i * sourceBytes,
          images.height(),
          images.width(),
          channels,
          pixels,
          i * targetBytes,
          height,
          width);
    }
    return new LabeledImages(images.count(), height, width, channels, pixels, images.labels());
  }

  /** Resamples one image from {@code source} at {@code sourceOffset} into {@code target}. */
  public static void resizeImage(
      byte[] source,
      int sourceOffset,
      int sourceHeight,
      int sourceWidth,
      int channels,
      byte[] target,
      int targetOffset,
      int targetHeight,
      int targetWidth) {
    // Separable: rows first into a float buffer, then columns.
    float[] rows = new float[targetHeight * sourceWidth * channels];
    Axis vertical = Axis.of(sourceHeight, targetHeight);
    for (int ty = 0; ty < targetHeight; ty++) {
      for (int k = vertical.start[ty]; k < vertical.start[ty] + vertical.count[ty]; k++) {
        float weight = vertical.weight[ty][k - vertical.start[ty]];
        int sourceRow = sourceOffset + k * sourceWidth * channels;
        int rowOut = ty * sourceWidth * channels;
        for (int x = 0; x < sourceWidth * channels; x++) {
          rows[rowOut + x] += weight * (source[sourceRow + x] & 0xff);
        }
      }
    }
    Axis horizontal = Axis.of(sourceWidth, targetWidth);
    for (int ty = 0; ty < targetHeight; ty++) {
      for (int tx = 0; tx < targetWidth; tx++) {
        for (int c = 0; c < channels; c++) {
          float sum = 0;
          for (int k = 0; k < horizontal.count[tx]; k++) {
            int sx = horizontal.start[tx] + k;
            sum += horizontal.weight[tx][k] * rows[(ty * sourceWidth + sx) * channels + c];
          }
          int value = Math.round(sum);
          target[targetOffset + (ty * targetWidth + tx) * channels + c] =
              (byte) Math.max(0, Math.min(255, value));
        }
      }
    }
  }

  /** For each target index along one axis: the first source index, how many, and their weights. */
  private record Axis(int[] start, int[] count, float[][] weight) {

    static Axis of(int sourceSize, int targetSize) {
      int[] start = new int[targetSize];
      int[] count = new int[targetSize];
      float[][] weight = new float[targetSize][];
      double scale = (double) sourceSize / targetSize;
      for (int t = 0; t < targetSize; t++) {
        if (scale >= 1) {
          // Area: the target pixel covers [t*scale, (t+1)*scale) of the source axis.
          double from = t * scale;
          double to = from + scale;
          int first = (int) Math.floor(from);
          int last = Math.min(sourceSize - 1, (int) Math.ceil(to) - 1);
          start[t] = first;
          count[t] = last - first + 1;
          weight[t] = new float[count[t]];
          for (int s = first; s <= last; s++) {
            double overlap = Math.min(to, s + 1) - Math.max(from, s);
            weight[t][s - first] = (float) (overlap / scale);
          }
        } else {
          // Bilinear between the two nearest source centres.
          double centre = (t + 0.5) * scale - 0.5;
          int left = (int) Math.floor(centre);
          double fraction = centre - left;
          int a = Math.max(0, Math.min(sourceSize - 1, left));
          int b = Math.max(0, Math.min(sourceSize - 1, left + 1));
          if (a == b) {
            start[t] = a;
            count[t] = 1;
            weight[t] = new float[] {1f};
          } else {
            start[t] = a;
            count[t] = 2;
            weight[t] = new float[] {(float) (1 - fraction), (float) fraction};
          }
        }
      }
      return new Axis(start, count, weight);
    }
  }
}
