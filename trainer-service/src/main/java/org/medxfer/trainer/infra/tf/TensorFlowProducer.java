package org.medxfer.trainer.infra.tf;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.trainer.config.TrainerConfig;
import org.medxfer.trainer.domain.ModelTrainer;
import org.medxfer.trainer.infra.objectstore.ObjectStoreWeightFiles;

/** Wires the TensorFlow trainer from {@code medxfer.trainer.*}. */
@ApplicationScoped
public class TensorFlowProducer {

  /** javacpp's setting for where it unpacks native libraries (default {@code ~/.javacpp/cache}). */
  static final String JAVACPP_CACHE_DIR = "org.bytedeco.javacpp.cachedir";

  @Produces
  @Singleton
  WeightRegistry weightRegistry() {
    return WeightRegistry.bundled();
  }

  @Produces
  @Singleton
  ModelTrainer modelTrainer(TrainerConfig config, WeightRegistry registry, ObjectStore store) {
    // javacpp unpacks TensorFlow's natives (650 MB) under the home directory. Containers often have
    // a read-only home; then the trainer's own writable work dir takes them. Set before the first
    // TensorFlow class loads, which happens at the first trial.
    Path home = Path.of(System.getProperty("user.home", "/"));
    if (System.getProperty(JAVACPP_CACHE_DIR) == null && !Files.isWritable(home)) {
      Path cache = config.workDir().resolve("javacpp");
      try {
        Files.createDirectories(cache);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + cache, e);
      }
      System.setProperty(JAVACPP_CACHE_DIR, cache.toAbsolutePath().toString());
    }
    Path weightsCache = config.weightsCacheDir().orElse(config.workDir().resolve("weights-cache"));
    return new TfModelTrainer(
        registry,
        new ObjectStoreWeightFiles(store, weightsCache, config.weightsDir()),
        config.threads());
  }
}
