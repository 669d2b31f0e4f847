package org.medxfer.dataset.domain;

import java.util.List;

/** Per-channel statistics of a split's uint8 pixels. */
public record PixelStatistics(
    List<Double> mean, List<Double> std, List<Integer> min, List<Integer> max) {

  public PixelStatistics {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    min = List.copyOf(min);
    max = List.copyOf(max);
  }

  /** Statistics of {@code count} channels-last images with {@code channels} channels. */
  public static PixelStatistics of(byte[] pixels, int channels) {
    long[] sum = new long[channels];
    long[] sumOfSquares = new long[channels];
    int[] low = new int[channels];
    int[] high = new int[channels];
    java.util.Arrays.fill(low, 255);
    for (int i = 0; i < pixels.length; i++) {
      int c = i % channels;
      int value = pixels[i] & 0xff;
      sum[c] += value;
      sumOfSquares[c] += value * value;
      low[c] = Math.min(low[c], value);
      high[c] = Math.max(high[c], value);
    }
    long perChannel = pixels.length / channels;
    Double[] means = new Double[channels];
    Double[] stds = new Double[channels];
    Integer[] mins = new Integer[channels];
    Integer[] maxs = new Integer[channels];
    for (int c = 0; c < channels; c++) {
      double mean = perChannel == 0 ? 0 : (double) sum[c] / perChannel;
      double variance = perChannel == 0 ? 0 : (double) sumOfSquares[c] / perChannel - mean * mean;
      means[c] = mean;
      stds[c] = Math.sqrt(Math.max(0, variance));
      mins[c] = perChannel == 0 ? 0 : low[c];
      maxs[c] = perChannel == 0 ? 0 : high[c];
    }
    return new PixelStatistics(List.of(means), List.of(stds), List.of(mins), List.of(maxs));
  }
}
