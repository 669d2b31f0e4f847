package org.medxfer.trainer.infra.objectstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreSettings;
import org.medxfer.trainer.config.ObjectStoreConfig;

/** Makes the shared object-store client from {@code medxfer.object-store.*}. */
@ApplicationScoped
public class ObjectStoreProducer {

  @Produces
  @ApplicationScoped
  ObjectStore objectStore(ObjectStoreConfig config) {
    return new ObjectStore(
        new ObjectStoreSettings(
            config.endpoint(), config.accessKey(), config.secretKey(), config.bucket()));
  }
}
