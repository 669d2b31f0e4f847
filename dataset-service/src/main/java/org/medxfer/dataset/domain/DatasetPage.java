package org.medxfer.dataset.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of data sets, newest first.
 *
 * @param next where the next page starts; empty on the last page
 */
public record DatasetPage(List<Dataset> datasets, Optional<DatasetCursor> next) {

  public DatasetPage {
    datasets = List.copyOf(datasets);
  }
}
