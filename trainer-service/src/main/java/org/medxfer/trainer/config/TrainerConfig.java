package org.medxfer.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How this trainer trains and where it finds its files. */
@ConfigMapping(prefix = "medxfer.trainer")
public interface TrainerConfig {

  /**
   * Pre-installed registered weight files, used when the object store has no {@code
   * weights/<file>}; each is checked against its sha256.
   */
  @WithDefault("${medxfer.home}/data/weights")
  Path weightsDir();

  /**
   * Where weight files fetched from the object store are cached; {@code <work-dir>/weights-cache}
   * when unset. A cached file is used only while its sha256 matches the registry.
   */
  Optional<Path> weightsCacheDir();

  /**
   * TensorFlow intra-op threads (inter-op is always 1). Results are bit-identical only for the same
   * value, so every trainer of a study should use the same one.
   */
  @WithDefault("2")
  int threads();

  /**
   * Writable scratch space of this trainer. When the home directory is read-only (containers), the
   * TensorFlow native libraries are unpacked under {@code javacpp/} here, unless {@code
   * org.bytedeco.javacpp.cachedir} says where.
   */
  @WithDefault("${medxfer.state-dir:${medxfer.home}/.medxfer/trainer}")
  Path workDir();

  /** Name of this trainer in trial events; the host name and process id when unset. */
  Optional<String> instanceId();

  /** The assignment consumer. */
  Consumer consumer();

  /** Settings of the {@code medxfer.trial-assignments} consumer. */
  interface Consumer {

    /** False keeps the trainer from taking trials (for example while debugging its HTTP side). */
    @WithDefault("true")
    boolean enabled();

    /** Consumer group shared by all trainers; each trial goes to one member. */
    @WithDefault("medxfer-trainers")
    String groupId();

    /** How long one poll waits; also the delay before a finished trial's offset is committed. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /**
     * Kafka's {@code max.poll.interval.ms}. The consumer keeps polling (with its partitions paused)
     * while a trial trains, so this bounds the gap between polls, not the length of a trial.
     */
    @WithDefault("5m")
    Duration maxPollInterval();
  }
}
