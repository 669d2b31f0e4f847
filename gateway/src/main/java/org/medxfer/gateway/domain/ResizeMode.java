package org.medxfer.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** How images reach a trial's resolution. */
public enum ResizeMode {
  /** Bilinear interpolation. */
  BILINEAR("bilinear"),
  /** Zero padding around the centred image. */
  PAD("pad");

  private final String fileName;

  ResizeMode(String fileName) {
    this.fileName = fileName;
  }

  /** The name a study file uses. */
  public String fileName() {
    return fileName;
  }

  /** The mode a study file names, if any. */
  public static Optional<ResizeMode> fromFileName(String name) {
    return Arrays.stream(values()).filter(mode -> mode.fileName.equals(name)).findFirst();
  }

  /** The study-file names of every mode, for error messages. */
  public static String fileNames() {
    return String.join(", ", Arrays.stream(values()).map(ResizeMode::fileName).toList());
  }
}
