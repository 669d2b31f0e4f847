package org.medxfer.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** Where a model's starting weights come from; {@link #fileName()} is the study-file spelling. */
public enum InitKind {
  /** Seeded random initialisation. */
  RANDOM("random"),
  /** Weights pretrained on ImageNet. */
  IMAGENET("imagenet"),
  /** Each layer drawn from the pretrained layer's mean and variance. */
  MEAN_VAR("mean_var"),
  /** Pretrained up to a block, random above it. */
  PARTIAL("partial"),
  /** Another trial's final model. */
  CHECKPOINT("checkpoint");

  private final String fileName;

  InitKind(String fileName) {
    this.fileName = fileName;
  }

  /** The name a study file uses. */
  public String fileName() {
    return fileName;
  }

  /** Whether this kind starts from an ImageNet weights registry entry. */
  public boolean usesPretrainedWeights() {
    return this == IMAGENET || this == MEAN_VAR || this == PARTIAL;
  }

  /** The kind a study file names, if any. */
  public static Optional<InitKind> fromFileName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.fileName.equals(name)).findFirst();
  }

  /** The study-file names of every kind, for error messages. */
  public static String fileNames() {
    return String.join(", ", Arrays.stream(values()).map(InitKind::fileName).toList());
  }
}
