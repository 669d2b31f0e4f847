package org.medxfer.dataset.domain;

/**
 * Where a project's files wait in the bucket to be imported: {@code uploads/{project}/}. An import
 * from the bucket reads only below the caller's own prefix, so no project imports another's files.
 */
public final class UploadKeys {

  private UploadKeys() {}

  /** {@code uploads/{project}/}. */
  public static String prefix(String project) {
    return "uploads/" + project + "/";
  }
}
