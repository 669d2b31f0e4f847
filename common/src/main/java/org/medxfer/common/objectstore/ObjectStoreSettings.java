package org.medxfer.common.objectstore;

import java.util.Objects;

/**
 * Where the object store is and how to sign requests to it. The secret never appears in {@link
 * #toString()}, so settings can be logged.
 */
public record ObjectStoreSettings(
    String endpoint, String accessKey, String secretKey, String bucket) {

  public ObjectStoreSettings {
    Objects.requireNonNull(endpoint, "medxfer.object-store.endpoint");
    Objects.requireNonNull(accessKey, "medxfer.object-store.access-key");
    Objects.requireNonNull(secretKey, "medxfer.object-store.secret-key");
    Objects.requireNonNull(bucket, "medxfer.object-store.bucket");
  }

  @Override
  public String toString() {
    return "ObjectStoreSettings[endpoint=%s, accessKey=%s, bucket=%s]"
        .formatted(endpoint, accessKey, bucket);
  }
}
