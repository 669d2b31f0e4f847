package org.medxfer.evaluator.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.medxfer.evaluator.domain.ArmComparison;
import org.medxfer.evaluator.domain.ArmSummary;
import org.medxfer.evaluator.domain.ComparisonFilter;
import org.medxfer.evaluator.domain.Factor;
import org.medxfer.evaluator.domain.Page;
import org.medxfer.evaluator.domain.PageSize;
import org.medxfer.evaluator.domain.PageTokens;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TrialMetricsRepository;

/**
 * A study's arms side by side, over the latest attempt of each trial with metrics.
 *
 * <p>The evaluator knows studies only through their results, so a study with no finished trial yet,
 * and a study that does not exist, both compare as zero rows rather than NOT_FOUND.
 */
@ApplicationScoped
public class CompareStudy {

  private final TrialMetricsRepository metrics;

  public CompareStudy(TrialMetricsRepository metrics) {
    this.metrics = metrics;
  }

  /**
   * @param groupBy the factors that define an arm, without repeats; empty means every factor
   */
  public Page<ArmSummary> compare(
      StudyName study, List<Factor> groupBy, int pageSize, String pageToken) {
    return compare(study, groupBy, ComparisonFilter.NONE, pageSize, pageToken);
  }

  /**
   * @param groupBy the factors that define an arm, without repeats; empty means every factor
   * @param filter which trials count
   */
  public Page<ArmSummary> compare(
      StudyName study,
      List<Factor> groupBy,
      ComparisonFilter filter,
      int pageSize,
      String pageToken) {
    int size = PageSize.resolve("page_size", pageSize);
    int offset = PageTokens.rowOffset(study, groupBy, filter, pageToken);
    List<ArmSummary> rows =
        ArmComparison.summarise(metrics.findLatestResults(study, filter), groupBy);
    int from = Math.min(offset, rows.size());
    int to = Math.min(from + size, rows.size());
    String next = to < rows.size() ? PageTokens.atRow(study, groupBy, filter, to) : "";
    return new Page<>(rows.subList(from, to), next);
  }
}
