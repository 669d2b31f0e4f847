package org.medxfer.gateway.domain;

/** Per-channel normalisation of the input pixels. */
public enum Normalization implements FileNamed {
  /** The weights' own preprocessing for pretrained inits, the data set's statistics otherwise. */
  MATCHED("matched"),
  /** The preprocessing the pretrained weights were trained with. */
  IMAGENET("imagenet"),
  /** Mean and standard deviation of the training split. */
  DATASET("dataset");

  private final String fileName;

  Normalization(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public String fileName() {
    return fileName;
  }
}
