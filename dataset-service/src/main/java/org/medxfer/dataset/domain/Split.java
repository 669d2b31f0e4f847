package org.medxfer.dataset.domain;

import java.util.Arrays;
import java.util.Optional;

/** A fixed partition of a data set version, in canonical order (the order content is hashed in). */
public enum Split {
  TRAIN("train"),
  VAL("val"),
  TEST("test");

  private final String key;

  Split(String key) {
    this.key = key;
  }

  /**
   * The split's name in files, object keys and the database: {@code train}, {@code val}, {@code
   * test}.
   */
  public String key() {
    return key;
  }

  /** The split named {@code key}, if any. */
  public static Optional<Split> fromKey(String key) {
    return Arrays.stream(values()).filter(split -> split.key.equals(key)).findFirst();
  }
}
