package org.medxfer.gateway.domain;

/**
 * What a study does with cells that cannot run (ImageNet weights for an architecture that has none,
 * a resolution below an architecture's minimum, a block beyond an architecture's last).
 */
public enum UnrunnablePolicy implements FileNamed {
  /** Refuse the study, naming every such combination by its field path. */
  FAIL("fail"),
  /** Leave those cells out and list them, with the reason, in the created study. */
  SKIP("skip");

  private final String fileName;

  UnrunnablePolicy(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public String fileName() {
    return fileName;
  }
}
