package org.medxfer.dataset.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.dataset.fixtures.TestImages.binaryCard;
import static org.medxfer.dataset.fixtures.TestImages.grey2x2;
import static org.medxfer.dataset.fixtures.TestImages.images;
import static org.medxfer.dataset.fixtures.TestImages.splits;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medxfer.dataset.domain.Violation;

class DatasetContentValidatorTest {

  @Test
  void acceptsSplitsThatAgreeWithTheCard() {
    List<Violation> violations =
        DatasetContentValidator.validate(
            splits(grey2x2(0, 1, 1), grey2x2(1, 0), grey2x2(0)), binaryCard());

    assertThat(violations).isEmpty();
  }

  @Test
  void aLabelBeyondTheClassNamesNamesTheSplitAndTheFirstOffendingEntry() {
    List<Violation> violations =
        DatasetContentValidator.validate(
            splits(grey2x2(0, 1), grey2x2(1, 0), grey2x2(0, 1, 1, 2, 5)), binaryCard());

    assertThat(violations).hasSize(1);
    Violation violation = violations.get(0);
    assertThat(violation.field()).isEqualTo("card.class_names");
    assertThat(violation.description())
        .contains("split 'test'")
        .contains("entry 3")
        .contains("label 2")
        .contains("2 classes");
  }

  @Test
  void everySplitWithBadLabelsIsReported() {
    List<Violation> violations =
        DatasetContentValidator.validate(
            splits(grey2x2(0, 7), grey2x2(3), grey2x2(0)), binaryCard());

    assertThat(violations)
        .extracting(Violation::description)
        .satisfiesExactly(
            train -> assertThat(train).contains("split 'train'").contains("entry 1"),
            val -> assertThat(val).contains("split 'val'").contains("entry 0"));
  }

  @Test
  void anEmptySplitIsRefusedOnTheFile() {
    List<Violation> violations =
        DatasetContentValidator.validate(
            splits(grey2x2(0, 1), grey2x2(), grey2x2(1)), binaryCard());

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(Violation.FILE);
              assertThat(v.description()).contains("split 'val' has no images");
            });
  }

  @Test
  void aSplitWithAnotherImageShapeIsRefused() {
    List<Violation> violations =
        DatasetContentValidator.validate(
            splits(grey2x2(0, 1), grey2x2(1), images(3, 3, 3, 0, 1)), binaryCard());

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(Violation.FILE);
              assertThat(v.description())
                  .contains("split 'test' has 3x3x3 images")
                  .contains("split 'train' has 2x2x1");
            });
  }
}
