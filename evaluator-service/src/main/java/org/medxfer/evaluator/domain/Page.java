package org.medxfer.evaluator.domain;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextPageToken where the next page starts; empty on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
    if (nextPageToken == null) {
      throw new IllegalArgumentException("use an empty token on the last page");
    }
  }
}
