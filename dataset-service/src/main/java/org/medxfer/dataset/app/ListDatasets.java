package org.medxfer.dataset.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.medxfer.dataset.domain.DatasetCursor;
import org.medxfer.dataset.domain.DatasetPage;
import org.medxfer.dataset.domain.DatasetRepository;
import org.medxfer.dataset.domain.InvalidRequestException;

/** Pages through one project's data sets, newest first. */
@ApplicationScoped
public class ListDatasets {

  /** The page size when the caller leaves it at 0. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** Larger page sizes are lowered to this. */
  public static final int MAX_PAGE_SIZE = 500;

  private final DatasetRepository repository;

  public ListDatasets(DatasetRepository repository) {
    this.repository = repository;
  }

  /**
   * One page of {@code project}'s data sets.
   *
   * @param pageSize 0 for the default; above {@link #MAX_PAGE_SIZE} is lowered to it
   * @param after where the previous page ended
   */
  public DatasetPage list(String project, int pageSize, Optional<DatasetCursor> after) {
    if (pageSize < 0) {
      throw InvalidRequestException.of(
          InvalidRequestException.Reason.INVALID_QUERY,
          "page_size",
          "page_size must not be negative");
    }
    int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
    return repository.listDatasets(project, size, after);
  }
}
