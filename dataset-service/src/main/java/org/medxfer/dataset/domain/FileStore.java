package org.medxfer.dataset.domain;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The object store as the service needs it: shards go up from local files, imported files come down
 * to local files. Failures to reach the store surface as {@link DependencyUnavailableException}.
 */
public interface FileStore {

  /** Stores the file's bytes at {@code key}. */
  void upload(String key, Path file);

  /** Copies the object at {@code key} to {@code target}. */
  void download(String key, Path target);

  /** The object's size, or empty when there is no object at {@code key}. */
  Optional<Long> size(String key);

  /** Removes the object at {@code key}; a missing object is not an error. */
  void remove(String key);
}
