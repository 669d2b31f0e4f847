package org.medxfer.dataset.config;

import io.smallrye.config.ConfigMapping;

/** Where the object store is and how to sign requests to it. */
@ConfigMapping(prefix = "medxfer.object-store")
public interface ObjectStoreConfig {

  /** The S3 endpoint, for example {@code http://127.0.0.1:9000}. */
  String endpoint();

  /** The access key. */
  String accessKey();

  /** The secret key. */
  String secretKey();

  /** The one bucket that holds every object of medxfer. */
  String bucket();
}
