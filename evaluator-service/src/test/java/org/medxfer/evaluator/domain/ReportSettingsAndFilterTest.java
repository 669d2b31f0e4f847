package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportSettingsAndFilterTest {

  private static final StudyName STUDY = new StudyName("s");

  @Test
  void zerosMeanTheDefaultsAndEveryOutOfRangeFieldIsNamed() {
    assertThat(ReportSettings.resolve(0, 0, 5, 0))
        .isEqualTo(new ReportSettings(0.8, 1000, 5, 0.95));
    assertThatThrownBy(() -> ReportSettings.resolve(1.5, 999, 0, 1))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("target_val_auc", "bootstrap_resamples", "confidence"));
  }

  @Test
  void aFilterKeepsTrialsWhoseFactorsAreListedAndAnEmptyListKeepsAll() {
    TrialFactors imagenet =
        new TrialFactors(
            "breastmnist",
            "v",
            "squeezenet1_1",
            new InitSpec(InitKind.IMAGENET, "", 0, ""),
            new AdaptationSpec(AdaptationKind.FULL, 0),
            0.25,
            64,
            1);
    ComparisonFilter onlyRandom =
        new ComparisonFilter(List.of(), List.of(), List.of(InitKind.RANDOM), List.of(), List.of());
    ComparisonFilter breastQuarter =
        new ComparisonFilter(
            List.of("breastmnist"), List.of(), List.of(), List.of(0.25), List.of());

    assertThat(ComparisonFilter.NONE.matches(imagenet)).isTrue();
    assertThat(onlyRandom.matches(imagenet)).isFalse();
    assertThat(breastQuarter.matches(imagenet)).isTrue();
  }

  @Test
  void aComparisonPageTokenIsBoundToItsFilter() {
    ComparisonFilter filter =
        new ComparisonFilter(List.of("b", "a", "a"), List.of(), List.of(), List.of(), List.of());
    ComparisonFilter same =
        new ComparisonFilter(List.of("a", "b"), List.of(), List.of(), List.of(), List.of());
    String token = PageTokens.atRow(STUDY, Factor.ALL, filter, 100);

    assertThat(PageTokens.rowOffset(STUDY, Factor.ALL, same, token)).isEqualTo(100);
    assertThatThrownBy(() -> PageTokens.rowOffset(STUDY, Factor.ALL, ComparisonFilter.NONE, token))
        .isInstanceOf(InvalidRequestException.class);
    // Unfiltered tokens are those issued before filters existed.
    assertThat(
            PageTokens.rowOffset(
                STUDY, Factor.ALL, ComparisonFilter.NONE, PageTokens.atRow(STUDY, Factor.ALL, 3)))
        .isEqualTo(3);
  }
}
