package org.medxfer.evaluator.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.medxfer.evaluator.domain.Page;
import org.medxfer.evaluator.domain.PageSize;
import org.medxfer.evaluator.domain.PageTokens;
import org.medxfer.evaluator.domain.StudyName;
import org.medxfer.evaluator.domain.TrialMetrics;
import org.medxfer.evaluator.domain.TrialMetricsRepository;

/** A study's trial metrics, the latest attempt of each trial, page by page in trial-id order. */
@ApplicationScoped
public class ListTrialMetrics {

  private final TrialMetricsRepository metrics;

  ListTrialMetrics(TrialMetricsRepository metrics) {
    this.metrics = metrics;
  }

  public Page<TrialMetrics> list(StudyName study, int pageSize, String pageToken) {
    int size = PageSize.resolve("page_size", pageSize);
    String after = PageTokens.trialAfter(study, pageToken);
    // One row more than the page tells whether another page follows.
    List<TrialMetrics> rows = metrics.findLatestPerTrial(study, after, size + 1);
    if (rows.size() <= size) {
      return new Page<>(rows, "");
    }
    List<TrialMetrics> page = rows.subList(0, size);
    return new Page<>(page, PageTokens.afterTrial(study, page.get(size - 1).trial().trialId()));
  }
}
