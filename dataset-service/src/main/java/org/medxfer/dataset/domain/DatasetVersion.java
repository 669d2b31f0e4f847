package org.medxfer.dataset.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One immutable, content-addressed version of a data set.
 *
 * @param versionId the first {@link ContentHash#VERSION_ID_LENGTH} hex digits of {@code
 *     contentHash}
 * @param contentHash hex sha256 of the version's shards, in split order
 * @param card the data set's card when this version was imported
 * @param splits train, val and test, in that order
 * @param pixelStatistics of the train split; empty for versions recorded before they were kept
 */
public record DatasetVersion(
    String datasetId,
    String versionId,
    String contentHash,
    Instant createTime,
    DatasetCard card,
    ImageShape imageShape,
    List<SplitInfo> splits,
    Optional<PixelStatistics> pixelStatistics) {

  public DatasetVersion {
    splits = List.copyOf(splits);
    pixelStatistics = pixelStatistics == null ? Optional.empty() : pixelStatistics;
  }
}
