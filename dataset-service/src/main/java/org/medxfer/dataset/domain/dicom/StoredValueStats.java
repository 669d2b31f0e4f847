package org.medxfer.dataset.domain.dicom;

/**
 * Statistics of the stored pixel values, before rescale and windowing, over every sample of every
 * pixel. They identify the pixel content independently of how the file encodes it.
 */
public record StoredValueStats(long count, int min, int max, long sum) {

  static StoredValueStats of(int[] values) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    long sum = 0;
    for (int value : values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
    }
    return new StoredValueStats(values.length, min, max, sum);
  }
}
