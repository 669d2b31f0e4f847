package org.medxfer.gateway.domain;

/**
 * A data set as a study names it: {@code breastmnist} (its newest version) or {@code
 * breastmnist@v2} (that version).
 *
 * @param id the data set id
 * @param version the version id; {@link #LATEST} when none is named
 */
public record DatasetRef(String id, String version) {

  /** The version id dataset-service resolves to the newest version. */
  public static final String LATEST = "latest";

  /** The reference a study-file entry spells. */
  public static DatasetRef parse(String text) {
    int at = text.indexOf('@');
    return at < 0
        ? new DatasetRef(text, LATEST)
        : new DatasetRef(text.substring(0, at), text.substring(at + 1));
  }
}
