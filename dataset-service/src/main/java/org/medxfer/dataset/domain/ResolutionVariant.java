package org.medxfer.dataset.domain;

import java.util.List;

/**
 * A version's splits resampled to {@code size x size}; counts come from the version.
 *
 * @param splits train, val and test, in that order, with the variant's shard keys and sizes
 */
public record ResolutionVariant(
    String datasetId, String versionId, int size, ImageShape imageShape, List<SplitInfo> splits) {

  public ResolutionVariant {
    splits = List.copyOf(splits);
  }
}
