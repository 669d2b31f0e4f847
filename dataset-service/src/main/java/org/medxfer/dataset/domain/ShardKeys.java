package org.medxfer.dataset.domain;

/** Where a version's objects live in the bucket. */
public final class ShardKeys {

  private ShardKeys() {}

  /** {@code datasets/{dataset}/versions/{version}/{split}.shard}. */
  public static String shardKey(String datasetId, String versionId, Split split) {
    return versionPrefix(datasetId, versionId) + split.key() + ".shard";
  }

  /** {@code datasets/{dataset}/versions/{version}/{size}px/{split}.shard}. */
  public static String variantKey(String datasetId, String versionId, int size, Split split) {
    return versionPrefix(datasetId, versionId) + size + "px/" + split.key() + ".shard";
  }

  /** {@code datasets/{dataset}/versions/{version}/}: every object of the version starts with it. */
  public static String versionPrefix(String datasetId, String versionId) {
    return "datasets/" + datasetId + "/versions/" + versionId + "/";
  }
}
