package org.medxfer.dataset.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Limits and local storage of imports. */
@ConfigMapping(prefix = "medxfer.dataset")
public interface DatasetServiceConfig {

  /**
   * The largest file an import accepts (an upload is refused as soon as it passes this). The file
   * is decoded in memory, so the heap must hold its uncompressed arrays.
   */
  @WithDefault("2G")
  MemorySize maxFileSize();

  /** Where uploads and shards are spooled while an import runs; the JVM's temp dir when unset. */
  Optional<Path> spoolDir();
}
