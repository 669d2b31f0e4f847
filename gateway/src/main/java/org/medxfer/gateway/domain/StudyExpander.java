package org.medxfer.gateway.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands a valid study into its cells: datasets × architectures × inits × adaptations × fractions
 * × resolutions × seeds. Every arm (architecture, init, adaptation, fraction, resolution) runs
 * every data set with every seed, so arms are compared on matched data and seeds. Cell order nests
 * the factors in that order, seeds innermost.
 */
public final class StudyExpander {

  private StudyExpander() {}

  /** The cells of {@code study}, which {@link StudyValidator} has accepted. */
  public static List<TrialCell> expand(StudyDefinition study) {
    List<TrialCell> cells = new ArrayList<>();
    for (String datasetEntry : study.datasets()) {
      // The cell names the data set; its version is the setup's.
      String dataset = DatasetRef.parse(datasetEntry).id();
      for (String architecture : study.architectures()) {
        for (Initialization init : study.inits()) {
          for (Adaptation adaptation : study.adaptations()) {
            for (double fraction : study.labelFractions()) {
              for (int resolution : study.resolutions()) {
                for (long seed : study.seeds()) {
                  cells.add(
                      new TrialCell(
                          cells.size(),
                          dataset,
                          architecture,
                          init,
                          adaptation,
                          fraction,
                          resolution,
                          seed));
                }
              }
            }
          }
        }
      }
    }
    requireDistinctIds(cells);
    return cells;
  }

  // Distinct factor levels give distinct ids unless 32 bits of SHA-256 collide on one slug.
  private static void requireDistinctIds(List<TrialCell> cells) {
    Set<String> ids = new HashSet<>();
    for (TrialCell cell : cells) {
      if (!ids.add(cell.id())) {
        throw new IllegalStateException("two cells share the trial id " + cell.id());
      }
    }
  }
}
