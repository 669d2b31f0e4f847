package org.medxfer.gateway.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a trial's images are and what they are: everything a trainer needs to read them.
 *
 * @param datasetVersion {@code datasets/{dataset}/versions/{version}}
 * @param taskType task type of the labels; null when the data set does not say
 * @param numClasses number of classes
 * @param classNames class names in label order
 * @param height image rows
 * @param width image columns
 * @param channels 1 for grey, 3 for RGB
 * @param trainShardKey object-store key of the training shard
 * @param valShardKey object-store key of the validation shard
 * @param testShardKey object-store key of the test shard
 */
public record DataLocation(
    String datasetVersion,
    TaskType taskType,
    int numClasses,
    List<String> classNames,
    int height,
    int width,
    int channels,
    String trainShardKey,
    String valShardKey,
    String testShardKey) {

  public DataLocation {
    classNames = List.copyOf(classNames);
  }

  /** The splits this version lacks a shard for (train, val, test); empty when it is complete. */
  public List<String> missingSplits() {
    List<String> missing = new ArrayList<>();
    if (trainShardKey.isEmpty()) {
      missing.add("train");
    }
    if (valShardKey.isEmpty()) {
      missing.add("val");
    }
    if (testShardKey.isEmpty()) {
      missing.add("test");
    }
    return missing;
  }
}
