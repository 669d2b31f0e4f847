package org.medxfer.evaluator.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Published results the report checks studies against, beyond the ones the evaluator ships. */
@ConfigMapping(prefix = "medxfer.evaluator.reference-results")
public interface ReferenceResultsConfig {

  /**
   * Extra tab-separated files in the shipped file's format (see the README), read at start after
   * the shipped MedMNIST v2 results; a malformed line stops the start with its file and line.
   */
  Optional<List<Path>> extraFiles();
}
