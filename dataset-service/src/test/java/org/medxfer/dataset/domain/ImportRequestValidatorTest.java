package org.medxfer.dataset.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.dataset.fixtures.TestImages.binaryCard;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportRequestValidatorTest {

  private static ImportRequest request(String datasetId, DatasetCard card) {
    return new ImportRequest(datasetId, "", DatasetFormat.MEDMNIST_NPZ, "BreastMNIST", card);
  }

  @Test
  void acceptsBreastMnistsHeader() {
    assertThat(ImportRequestValidator.validate(request("breastmnist", binaryCard()))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BreastMNIST",
        "1breast",
        "-breast",
        "breast_mnist",
        "breast/mnist",
        "breast mnist",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void refusesMalformedDatasetIds(String datasetId) {
    assertThat(ImportRequestValidator.validate(request(datasetId, binaryCard())))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("dataset_id");
              assertThat(v.description()).contains(datasetId);
            });
  }

  @Test
  void acceptsTheLongestDatasetId() {
    String longest = "a" + "b".repeat(62);
    assertThat(ImportRequestValidator.validate(request(longest, binaryCard()))).isEmpty();
  }

  @Test
  void refusesAMissingTaskTypeAndMissingClassNamesTogether() {
    DatasetCard card = new DatasetCard("ultrasound", null, List.of(), "CC BY 4.0", "");

    assertThat(ImportRequestValidator.validate(request("breastmnist", card)))
        .extracting(Violation::field)
        .containsExactly("card.task_type", "card.class_names");
  }

  @Test
  void aBinaryTaskNeedsExactlyTwoClasses() {
    DatasetCard card =
        new DatasetCard("x-ray", TaskType.BINARY, List.of("a", "b", "c"), "CC BY 4.0", "");

    assertThat(ImportRequestValidator.validate(request("chest", card)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("card.class_names");
              assertThat(v.description()).contains("exactly 2").contains("got 3");
            });
  }

  @Test
  void refusesDuplicateAndBlankClassNames() {
    DatasetCard card =
        new DatasetCard("fundus", TaskType.MULTI_CLASS, List.of("a", " ", "a"), "CC BY 4.0", "");

    assertThat(ImportRequestValidator.validate(request("retina", card)))
        .extracting(Violation::field)
        .containsExactly("card.class_names[1]", "card.class_names[2]");
  }

  @Test
  void multiLabelAllowsAtMost31ClassesBecauseLabelsAreBitMasks() {
    DatasetCard chest =
        new DatasetCard("x-ray", TaskType.MULTI_LABEL, List.of("a", "b", "c"), "CC BY 4.0", "");
    List<String> many = java.util.stream.IntStream.range(0, 32).mapToObj(i -> "c" + i).toList();
    DatasetCard tooMany = new DatasetCard("x-ray", TaskType.MULTI_LABEL, many, "CC BY 4.0", "");

    assertThat(ImportRequestValidator.validate(request("chest", chest))).isEmpty();
    assertThat(ImportRequestValidator.validate(request("chest", tooMany)))
        .extracting(Violation::field)
        .containsExactly("card.class_names");
  }

  @Test
  void refusesABadImageSizeSplitPlanAndAWindowOutsideDicom() {
    DatasetCard card =
        new DatasetCard("x-ray", TaskType.BINARY, List.of("a", "b"), "CC BY 4.0", "");
    ImportRequest request =
        new ImportRequest(
            "chest",
            "",
            DatasetFormat.IMAGE_FOLDER,
            "",
            card,
            -1,
            java.util.Optional.of(new org.medxfer.dataset.domain.dicom.Window(40, 400)),
            new SplitPlan(1, 0.6, 0.5));

    assertThat(ImportRequestValidator.validate(request))
        .extracting(Violation::field)
        .containsExactly("image_size", "window", "split_plan");
  }

  @Test
  void refusesAMissingFormatAndCard() {
    ImportRequest request = new ImportRequest("breastmnist", "", null, "", null);

    assertThat(ImportRequestValidator.validate(request))
        .extracting(Violation::field)
        .containsExactly("format", "card");
  }
}
