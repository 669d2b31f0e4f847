package org.medxfer.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** A trial's optimiser. */
public enum OptimizerKind {
  /** Adam. */
  ADAM("adam"),
  /** SGD with momentum. */
  SGD("sgd");

  private final String fileName;

  OptimizerKind(String fileName) {
    this.fileName = fileName;
  }

  /** The name a study file uses. */
  public String fileName() {
    return fileName;
  }

  /** The optimiser a study file names, if any. */
  public static Optional<OptimizerKind> fromFileName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.fileName.equals(name)).findFirst();
  }

  /** The study-file names of every optimiser, for error messages. */
  public static String fileNames() {
    return String.join(", ", Arrays.stream(values()).map(OptimizerKind::fileName).toList());
  }
}
