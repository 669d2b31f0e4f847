package org.medxfer.evaluator.domain;

/** The page-size rules every listing follows (AIP-158). */
public final class PageSize {

  /** The page size when a request leaves it at 0. */
  public static final int DEFAULT = 100;

  /** The largest page; a larger request is served this many. */
  public static final int MAX = 1000;

  private PageSize() {}

  /**
   * The page size to serve for {@code requested}, sent in request field {@code field}.
   *
   * @throws InvalidRequestException when it is negative
   */
  public static int resolve(String field, int requested) {
    if (requested < 0) {
      throw new InvalidRequestException(field, "must not be negative, got " + requested);
    }
    if (requested == 0) {
      return DEFAULT;
    }
    return Math.min(requested, MAX);
  }
}
