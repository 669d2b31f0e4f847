package org.medxfer.dataset.infra.objectstore;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.medxfer.common.objectstore.ObjectStore;

/**
 * Ready only while the bucket is reachable. Creating the bucket when it is missing (at start and on
 * each probe) lets the service run against a fresh object store.
 */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(ObjectStoreHealthCheck.class);

  private final ObjectStore objectStore;

  public ObjectStoreHealthCheck(ObjectStore objectStore) {
    this.objectStore = objectStore;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      objectStore.ensureBucket();
    } catch (RuntimeException e) {
      // Not fatal: readiness stays down until the store answers.
      LOG.warnf("object store not reachable at start: %s", e.getMessage());
    }
  }

  @Override
  public HealthCheckResponse call() {
    try {
      objectStore.ensureBucket();
      return HealthCheckResponse.named("object-store")
          .withData("bucket", objectStore.bucket())
          .up()
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("object-store")
          .withData("bucket", objectStore.bucket())
          .withData("error", e.getMessage())
          .down()
          .build();
    }
  }
}
