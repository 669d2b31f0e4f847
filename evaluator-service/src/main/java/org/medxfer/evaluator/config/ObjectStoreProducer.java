package org.medxfer.evaluator.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreSettings;

/** Makes common's {@link ObjectStore} injectable, configured from {@link ObjectStoreConfig}. */
public class ObjectStoreProducer {

  // Singleton, not ApplicationScoped: ObjectStore is final and so cannot be proxied.
  @Produces
  @Singleton
  ObjectStore objectStore(ObjectStoreConfig config) {
    return new ObjectStore(
        new ObjectStoreSettings(
            config.endpoint(), config.accessKey(), config.secretKey(), config.bucket()));
  }
}
