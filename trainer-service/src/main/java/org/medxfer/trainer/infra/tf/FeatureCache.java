package org.medxfer.trainer.infra.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Features of frozen backbones, computed once per (backbone weights, images, input pipeline) and
 * shared by every arm of this trainer that needs the same ones (for example linear probes that
 * differ only in learning rate, or the probe phase of LP-FT arms). The key is a digest of
 * everything the features depend on, so equal keys mean equal features. Least recently used entries
 * go first once the cache holds more than its budget of floats.
 */
final class FeatureCache {

  private final long maxFloats;
  private final Map<String, float[]> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long floats;
  private long computed;

  /**
   * @param maxFloats budget in stored floats (4 bytes each)
   */
  FeatureCache(long maxFloats) {
    this.maxFloats = maxFloats;
  }

  /** The features under {@code key}, computing and keeping them on a miss. */
  synchronized float[] get(String key, Supplier<float[]> compute) {
    float[] cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    float[] features = compute.get();
    computed++;
    if (features.length <= maxFloats) {
      entries.put(key, features);
      floats += features.length;
      var eldest = entries.entrySet().iterator();
      while (floats > maxFloats && eldest.hasNext()) {
        floats -= eldest.next().getValue().length;
        eldest.remove();
      }
    }
    return features;
  }

  /** How many feature sets were computed rather than found, since this cache was made. */
  synchronized long computed() {
    return computed;
  }
}
