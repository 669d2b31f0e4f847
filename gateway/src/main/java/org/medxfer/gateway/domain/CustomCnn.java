package org.medxfer.gateway.domain;

import java.util.List;

/**
 * A small CNN a study describes itself: blocks, then global average pooling, optional dropout and
 * the head. Its "blocks" for freezing are its conv blocks; it has no pretrained weights.
 *
 * @param blocks input to output
 * @param dropout dropout rate before the head, in [0, 1)
 */
public record CustomCnn(List<ConvBlock> blocks, double dropout) {

  public CustomCnn {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  /**
   * The smallest input side the network can process: every pooling block halves the side, and the
   * last feature map must keep at least one pixel.
   */
  public int minimumResolution() {
    long pools = blocks.stream().filter(block -> block.pool() != PoolKind.NONE).count();
    return 1 << Math.min(pools, 20);
  }
}
