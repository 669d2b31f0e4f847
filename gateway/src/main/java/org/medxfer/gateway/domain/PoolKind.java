package org.medxfer.gateway.domain;

/** Pooling after a block of a custom CNN. */
public enum PoolKind implements FileNamed {
  /** No pooling. */
  NONE("none"),
  /** 2x2 max pooling, stride 2. */
  MAX("max"),
  /** 2x2 average pooling, stride 2. */
  AVERAGE("average");

  private final String fileName;

  PoolKind(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public String fileName() {
    return fileName;
  }
}
