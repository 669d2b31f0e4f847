package org.medxfer.dataset.domain;

import java.time.Instant;
import java.util.List;

/**
 * One immutable, content-addressed version of a data set.
 *
 * @param versionId the first {@link ContentHash#VERSION_ID_LENGTH} hex digits of {@code
 *     contentHash}
 * @param contentHash hex sha256 of the version's shards, in split order
 * @param card the data set's card when this version was imported
 * @param splits train, val and test, in that order
 */
public record DatasetVersion(
    String datasetId,
    String versionId,
    String contentHash,
    Instant createTime,
    DatasetCard card,
    ImageShape imageShape,
    List<SplitInfo> splits) {

  public DatasetVersion {
    splits = List.copyOf(splits);
  }
}
