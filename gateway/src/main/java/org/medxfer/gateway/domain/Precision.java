package org.medxfer.gateway.domain;

/** Numeric precision of training. */
public enum Precision implements FileNamed {
  /** Float32 throughout. */
  FP32("fp32"),
  /** bfloat16 mixed precision; weights stay float32. */
  BF16_MIXED("bf16_mixed");

  private final String fileName;

  Precision(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public String fileName() {
    return fileName;
  }
}
