package org.medxfer.dataset.domain;

import java.util.HexFormat;

/** How a version's id follows from the sha256 of its content. */
public final class ContentHash {

  /** Hex digits of the content hash that make up a version id (64 bits). */
  public static final int VERSION_ID_LENGTH = 16;

  private ContentHash() {}

  /** The hex form of a sha256 digest. */
  public static String hex(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a sha256 digest has 32 bytes, not " + sha256.length);
    }
    return HexFormat.of().formatHex(sha256);
  }

  /** The version id of content with this hex sha256. */
  public static String versionId(String contentHash) {
    return contentHash.substring(0, VERSION_ID_LENGTH);
  }
}
