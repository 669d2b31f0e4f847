package org.medxfer.common.images;

import java.util.Arrays;

/**
 * Mini-batches of a {@link ShardFile} in a caller-given order (a seeded shuffle, say), copied into
 * two reused buffers: a training loop's heap holds one batch of pixels however large the split.
 */
public final class ShardBatches {

  private final ShardFile shard;
  private final int[] order;
  private final int batchSize;
  private final byte[] pixels;
  private final int[] labels;
  private int next;

  /**
   * @param order image indices in the order to visit them (for example a permutation)
   */
  public ShardBatches(ShardFile shard, int[] order, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.shard = shard;
    this.order = order.clone();
    this.batchSize = batchSize;
    this.pixels = new byte[Math.multiplyExact(batchSize, shard.imageBytes())];
    this.labels = new int[batchSize];
  }

  /** Whether another batch remains. */
  public boolean hasNext() {
    return next < order.length;
  }

  /**
   * Copies the next batch into {@link #pixels()} and {@link #labels()}; returns its size (the last
   * batch may be short). The buffers are overwritten by the next call.
   */
  public int next() {
    int n = Math.min(batchSize, order.length - next);
    shard.read(Arrays.copyOfRange(order, next, next + n), pixels, 0, labels);
    next += n;
    return n;
  }

  /** Pixels of the current batch, channels last; only the first {@code n * imageBytes} count. */
  public byte[] pixels() {
    return pixels;
  }

  /** Labels of the current batch; only the first {@code n} count. */
  public int[] labels() {
    return labels;
  }
}
