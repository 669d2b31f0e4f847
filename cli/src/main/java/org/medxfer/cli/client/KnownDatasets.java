package org.medxfer.cli.client;

import java.util.Map;
import java.util.Optional;
import org.medxfer.proto.dataset.v1.DatasetCard;
import org.medxfer.proto.dataset.v1.TaskType;

/**
 * Cards of the public data sets medxfer ships or knows, so that importing them needs no flags. A
 * private data set gives its card on the command line instead.
 */
public final class KnownDatasets {

  private static final Map<String, Known> KNOWN =
      Map.of(
          "breastmnist",
          new Known(
              "BreastMNIST",
              DatasetCard.newBuilder()
                  .setModality("ultrasound")
                  .setTaskType(TaskType.TASK_TYPE_BINARY)
                  .addClassNames("malignant")
                  .addClassNames("normal_or_benign")
                  .setLicense("CC BY 4.0")
                  .setSource(
                      "MedMNIST v2 (Yang et al., Scientific Data 10, 41, 2023); images from BUSI"
                          + " (Al-Dhabyani et al., Data in Brief 28, 2020)")
                  .build()));

  private KnownDatasets() {}

  /** A known data set's display name and card. */
  public record Known(String displayName, DatasetCard card) {}

  /** The card of a known data set id. */
  public static Optional<Known> find(String datasetId) {
    return Optional.ofNullable(KNOWN.get(datasetId));
  }
}
