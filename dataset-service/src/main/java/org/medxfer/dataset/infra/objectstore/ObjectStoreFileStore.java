package org.medxfer.dataset.infra.objectstore;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreException;
import org.medxfer.dataset.domain.DependencyUnavailableException;
import org.medxfer.dataset.domain.FileStore;

/** The {@link FileStore} port on the shared object-store client. */
@ApplicationScoped
public class ObjectStoreFileStore implements FileStore {

  private static final String SHARD_CONTENT_TYPE = "application/octet-stream";

  private final ObjectStore objectStore;

  public ObjectStoreFileStore(ObjectStore objectStore) {
    this.objectStore = objectStore;
  }

  @Override
  public void upload(String key, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      objectStore.put(key, in, Files.size(file), SHARD_CONTENT_TYPE);
    } catch (ObjectStoreException e) {
      throw unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to upload it", e);
    }
  }

  @Override
  public void download(String key, Path target) {
    try (InputStream in = objectStore.open(key)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (ObjectStoreException e) {
      throw unavailable(e);
    } catch (IOException e) {
      throw new DependencyUnavailableException("object store: cannot download " + key, e);
    }
  }

  @Override
  public Optional<Long> size(String key) {
    try {
      return objectStore.size(key);
    } catch (ObjectStoreException e) {
      throw unavailable(e);
    }
  }

  @Override
  public void remove(String key) {
    try {
      objectStore.remove(key);
    } catch (ObjectStoreException e) {
      throw unavailable(e);
    }
  }

  private static DependencyUnavailableException unavailable(ObjectStoreException e) {
    return new DependencyUnavailableException(e.getMessage(), e);
  }
}
