package org.medxfer.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesAndPagesTest {

  private static final StudyName STUDY = new StudyName("transfer");

  @Test
  void metricsNamesParseIntoTrialNames() {
    TrialName trial =
        TrialName.parseMetricsName("name", "studies/transfer/trials/b-img_0.1/metrics");

    assertThat(trial.study()).isEqualTo(STUDY);
    assertThat(trial.trialId()).isEqualTo("b-img_0.1");
    assertThat(trial).hasToString("studies/transfer/trials/b-img_0.1");
    assertThat(trial.metricsName()).isEqualTo("studies/transfer/trials/b-img_0.1/metrics");
  }

  @Test
  void malformedNamesNameTheFieldAtFault() {
    for (String bad :
        List.of(
            "",
            "studies/transfer/trials/t",
            "studies/transfer/trials//metrics",
            "studies/../trials/t/metrics",
            "projects/p/trials/t/metrics",
            "studies/a/b/trials/t/metrics")) {
      assertThatThrownBy(() -> TrialName.parseMetricsName("name", bad))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("name"));
    }
    assertThatThrownBy(() -> StudyName.parse("parent", "studies/a/trials/b"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("parent"));
  }

  @Test
  void pageSizeDefaultsClampsAndRefusesNegatives() {
    assertThat(PageSize.resolve("page_size", 0)).isEqualTo(100);
    assertThat(PageSize.resolve("page_size", 7)).isEqualTo(7);
    assertThat(PageSize.resolve("page_size", 5000)).isEqualTo(1000);
    assertThatThrownBy(() -> PageSize.resolve("page_size", -1))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void listTokensResumeAfterTheLastTrialOfTheSameStudyOnly() {
    String token = PageTokens.afterTrial(STUDY, "b-img-1");

    assertThat(PageTokens.trialAfter(STUDY, token)).isEqualTo("b-img-1");
    assertThat(PageTokens.trialAfter(STUDY, "")).isEmpty();
    assertThatThrownBy(() -> PageTokens.trialAfter(new StudyName("other"), token))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> PageTokens.trialAfter(STUDY, "not a token!"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void comparisonTokensAreBoundToTheStudyAndGrouping() {
    String token = PageTokens.atRow(STUDY, List.of(Factor.INIT), 40);

    assertThat(PageTokens.rowOffset(STUDY, List.of(Factor.INIT), token)).isEqualTo(40);
    assertThat(PageTokens.rowOffset(STUDY, List.of(Factor.INIT), "")).isZero();
    assertThatThrownBy(() -> PageTokens.rowOffset(STUDY, List.of(Factor.DATASET), token))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () ->
                PageTokens.rowOffset(
                    STUDY, List.of(Factor.INIT), PageTokens.afterTrial(STUDY, "t")))
        .isInstanceOf(InvalidRequestException.class);
  }
}
