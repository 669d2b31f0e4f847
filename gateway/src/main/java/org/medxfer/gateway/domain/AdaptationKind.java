package org.medxfer.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** Which weights a trial adapts; {@link #fileName()} is the study-file spelling. */
public enum AdaptationKind {
  /** Every weight trains. */
  FULL("full"),
  /** Only the new head trains. */
  LINEAR_PROBE("linear_probe"),
  /** Blocks up to a given one are frozen. */
  FREEZE_UP_TO_BLOCK("freeze_up_to_block"),
  /** Linear probe, then full fine-tuning. */
  LP_FT("lp_ft");

  private final String fileName;

  AdaptationKind(String fileName) {
    this.fileName = fileName;
  }

  /** The name a study file uses. */
  public String fileName() {
    return fileName;
  }

  /** The kind a study file names, if any. */
  public static Optional<AdaptationKind> fromFileName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.fileName.equals(name)).findFirst();
  }

  /** The study-file names of every kind, for error messages. */
  public static String fileNames() {
    return String.join(", ", Arrays.stream(values()).map(AdaptationKind::fileName).toList());
  }
}
