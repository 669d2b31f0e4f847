package org.medxfer.trainer.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A small CNN described in a study file: conv blocks, then global average pooling, dropout and the
 * head. The trainer builds it as {@link Architecture#CUSTOM_CNN}; its blocks are named {@code
 * block1..blockN}.
 *
 * @param blocks input to output, at least one
 * @param dropout rate before the head, in [0, 1)
 */
public record CustomCnnDesign(List<Block> blocks, double dropout) {

  /** Pooling at the end of a block: 2x2, stride 2. */
  public enum Pool {
    NONE,
    MAX,
    AVERAGE
  }

  /**
   * One block: {@code convs} convolutions of {@code kernelSize} x {@code kernelSize} with {@code
   * filters} outputs, each followed by batch norm (when asked) and ReLU, then the pool.
   */
  public record Block(int filters, int kernelSize, int convs, boolean batchNorm, Pool pool) {}

  /** Largest filter count, kernel and conv count accepted: bounds on what a study file can ask. */
  public static final int MAX_FILTERS = 4096;

  public static final int MAX_KERNEL_SIZE = 15;
  public static final int MAX_CONVS = 8;

  /**
   * @throws TrialFailedException with {@link FailureReason#INVALID_SPEC} naming every bad field
   *     ({@code custom_cnn.blocks[i].filters} and so on)
   */
  public CustomCnnDesign {
    List<String> problems = new ArrayList<>();
    if (blocks == null || blocks.isEmpty()) {
      problems.add("custom_cnn.blocks must have at least one block");
      blocks = List.of();
    }
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      String field = "custom_cnn.blocks[" + i + "].";
      if (block.filters() < 1 || block.filters() > MAX_FILTERS) {
        problems.add(field + "filters must be in 1.." + MAX_FILTERS + ", got " + block.filters());
      }
      if (block.kernelSize() < 1 || block.kernelSize() > MAX_KERNEL_SIZE) {
        problems.add(
            field + "kernel_size must be in 1.." + MAX_KERNEL_SIZE + ", got " + block.kernelSize());
      }
      if (block.convs() < 1 || block.convs() > MAX_CONVS) {
        problems.add(field + "convs must be in 1.." + MAX_CONVS + ", got " + block.convs());
      }
      if (block.pool() == null) {
        problems.add(field + "pool is required");
      }
    }
    if (!(dropout >= 0 && dropout < 1)) {
      problems.add("custom_cnn.dropout must be in [0, 1), got " + dropout);
    }
    if (!problems.isEmpty()) {
      throw new TrialFailedException(FailureReason.INVALID_SPEC, String.join("; ", problems));
    }
    blocks = List.copyOf(blocks);
  }
}
