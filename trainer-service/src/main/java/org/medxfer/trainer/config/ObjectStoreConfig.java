package org.medxfer.trainer.config;

import io.smallrye.config.ConfigMapping;

/** The S3-compatible object store holding image shards and test predictions. */
@ConfigMapping(prefix = "medxfer.object-store")
public interface ObjectStoreConfig {

  /** URL of the S3 API, for example {@code http://minio:9000}. */
  String endpoint();

  /** Access key id. */
  String accessKey();

  /** Secret key; set it through the environment ({@code MEDXFER_OBJECT_STORE_SECRET_KEY}). */
  String secretKey();

  /** The bucket every key lives in. */
  String bucket();
}
