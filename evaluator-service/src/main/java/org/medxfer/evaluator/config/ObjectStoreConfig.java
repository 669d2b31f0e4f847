package org.medxfer.evaluator.config;

import io.smallrye.config.ConfigMapping;

/** Where the object store is; the local stack and the Helm chart set these. */
@ConfigMapping(prefix = "medxfer.object-store")
public interface ObjectStoreConfig {

  /** S3 endpoint URL, for example {@code http://minio:9000}. */
  String endpoint();

  /** Access key. */
  String accessKey();

  /** Secret key; never logged. */
  String secretKey();

  /** The bucket every medxfer object lives in. */
  String bucket();
}
