package org.medxfer.gateway.domain;

/** How the learning rate changes over the epochs. */
public enum ScheduleKind implements FileNamed {
  /** The initial rate throughout. */
  CONSTANT("constant"),
  /** Multiplied by gamma at each milestone. */
  STEP("step"),
  /** Cosine decay to zero. */
  COSINE("cosine");

  private final String fileName;

  ScheduleKind(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public String fileName() {
    return fileName;
  }
}
