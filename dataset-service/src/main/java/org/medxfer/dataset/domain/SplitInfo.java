package org.medxfer.dataset.domain;

import java.util.List;

/**
 * Counts and storage of one split of a version.
 *
 * @param classCounts images per class, in class order
 * @param shardKey object-store key of the split's shard
 * @param shardBytes size of the shard object
 */
public record SplitInfo(
    Split split, long count, List<Long> classCounts, String shardKey, long shardBytes) {

  public SplitInfo {
    classCounts = List.copyOf(classCounts);
  }
}
