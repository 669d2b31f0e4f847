package org.medxfer.evaluator.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Page tokens: opaque to clients, but bound to the request that produced them, so that a token
 * passed with a different study or grouping is refused instead of returning a wrong page.
 *
 * <p>A listing of trial metrics resumes after the last trial id it returned (keyset pagination:
 * stable while new trials finish); a comparison resumes at a row offset (its rows are computed in
 * full for every call).
 */
public final class PageTokens {

  private static final String FIELD = "page_token";
  private static final String SEPARATOR = "\n";
  private static final String LIST_KIND = "trial-metrics.v1";
  private static final String COMPARE_KIND = "comparison.v1";

  private PageTokens() {}

  /** The token that continues a listing of {@code study}'s metrics after {@code lastTrialId}. */
  public static String afterTrial(StudyName study, String lastTrialId) {
    return encode(LIST_KIND, study.toString(), lastTrialId);
  }

  /**
   * The trial id after which a listing of {@code study} resumes; empty for an empty token (the
   * first page).
   *
   * @throws InvalidRequestException when the token is not one this listing issued
   */
  public static String trialAfter(StudyName study, String token) {
    if (token.isEmpty()) {
      return "";
    }
    String[] parts = decode(token);
    if (parts.length != 3
        || !parts[0].equals(LIST_KIND)
        || !parts[1].equals(study.toString())
        || !ResourceIds.isValid(parts[2])) {
      throw invalid();
    }
    return parts[2];
  }

  /** The token that continues a comparison of {@code study} at row {@code offset}. */
  public static String atRow(StudyName study, List<Factor> groupBy, int offset) {
    return atRow(study, groupBy, ComparisonFilter.NONE, offset);
  }

  /** The token that continues a filtered comparison of {@code study} at row {@code offset}. */
  public static String atRow(
      StudyName study, List<Factor> groupBy, ComparisonFilter filter, int offset) {
    return encode(
        COMPARE_KIND, study.toString(), binding(groupBy, filter), Integer.toString(offset));
  }

  /**
   * The row at which a comparison resumes; 0 for an empty token.
   *
   * @throws InvalidRequestException when the token is not one this comparison issued
   */
  public static int rowOffset(StudyName study, List<Factor> groupBy, String token) {
    return rowOffset(study, groupBy, ComparisonFilter.NONE, token);
  }

  /**
   * The row at which a filtered comparison resumes; 0 for an empty token.
   *
   * @throws InvalidRequestException when the token is not one this comparison issued
   */
  public static int rowOffset(
      StudyName study, List<Factor> groupBy, ComparisonFilter filter, String token) {
    if (token.isEmpty()) {
      return 0;
    }
    String[] parts = decode(token);
    if (parts.length != 4
        || !parts[0].equals(COMPARE_KIND)
        || !parts[1].equals(study.toString())
        || !parts[2].equals(binding(groupBy, filter))) {
      throw invalid();
    }
    try {
      int offset = Integer.parseInt(parts[3]);
      if (offset < 0) {
        throw invalid();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /** The request fields a comparison token is bound to; unfiltered as before filters existed. */
  private static String binding(List<Factor> groupBy, ComparisonFilter filter) {
    // The filter's lists are sorted, so equal filters give equal strings.
    return filter.isEmpty() ? groupBy.toString() : groupBy + " " + filter;
  }

  private static String encode(String... parts) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
          .split(SEPARATOR, -1);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        FIELD, "not a token returned by a previous call with the same request fields");
  }
}
