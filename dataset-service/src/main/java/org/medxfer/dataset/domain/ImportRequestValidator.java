package org.medxfer.dataset.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks what an import asks for before its file is read. */
public final class ImportRequestValidator {

  /** Data set ids: lower-case letters, digits and hyphens, starting with a letter, at most 63. */
  public static final Pattern DATASET_ID = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

  static final int MAX_REQUEST_ID_LENGTH = 128;
  static final int MAX_DISPLAY_NAME_LENGTH = 256;
  static final int MAX_CLASS_NAME_LENGTH = 128;
  static final int MAX_IMAGE_SIZE = 1024;
  static final int MAX_MULTI_LABEL_CLASSES = 31;

  private ImportRequestValidator() {}

  /** Whether {@code datasetId} is a well-formed data set id. */
  public static boolean isValidDatasetId(String datasetId) {
    return datasetId != null && DATASET_ID.matcher(datasetId).matches();
  }

  /** Every problem of the request; empty when it is acceptable. */
  public static List<Violation> validate(ImportRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (request.datasetId().isEmpty()) {
      violations.add(new Violation("dataset_id", "dataset_id is required"));
    } else if (!isValidDatasetId(request.datasetId())) {
      violations.add(
          new Violation(
              "dataset_id",
              "dataset_id '%s' must match %s (lower-case letters, digits and hyphens, starting with a letter, at most 63 characters)"
                  .formatted(request.datasetId(), DATASET_ID.pattern())));
    }
    if (request.requestId().length() > MAX_REQUEST_ID_LENGTH) {
      violations.add(
          new Violation(
              "request_id", "request_id has more than " + MAX_REQUEST_ID_LENGTH + " characters"));
    }
    if (request.displayName().length() > MAX_DISPLAY_NAME_LENGTH) {
      violations.add(
          new Violation(
              "display_name",
              "display_name has more than " + MAX_DISPLAY_NAME_LENGTH + " characters"));
    }
    if (request.format() == null) {
      violations.add(
          new Violation(
              "format",
              "format must be set (DATASET_FORMAT_MEDMNIST_NPZ, DATASET_FORMAT_IMAGE_FOLDER or"
                  + " DATASET_FORMAT_DICOM)"));
    }
    if (request.imageSize() < 0 || request.imageSize() > MAX_IMAGE_SIZE) {
      violations.add(
          new Violation(
              "image_size",
              "image_size must be 0 (keep) or 1 to %d, got %d"
                  .formatted(MAX_IMAGE_SIZE, request.imageSize())));
    }
    if (request.window().isPresent() && request.format() != DatasetFormat.DICOM) {
      violations.add(new Violation("window", "window applies to DATASET_FORMAT_DICOM only"));
    }
    validateSplitPlan(request.splitPlan(), violations);
    validateCard(request.card(), violations);
    return violations;
  }

  private static void validateSplitPlan(SplitPlan plan, List<Violation> violations) {
    if (!(plan.valFraction() >= 0 && plan.valFraction() < 1)) {
      violations.add(
          new Violation(
              "split_plan.val_fraction",
              "split_plan.val_fraction must be in [0, 1), got " + plan.valFraction()));
    }
    if (!(plan.testFraction() >= 0 && plan.testFraction() < 1)) {
      violations.add(
          new Violation(
              "split_plan.test_fraction",
              "split_plan.test_fraction must be in [0, 1), got " + plan.testFraction()));
    }
    if (plan.valFraction() + plan.testFraction() >= 1) {
      violations.add(
          new Violation(
              "split_plan",
              "split_plan.val_fraction + split_plan.test_fraction must leave images for train"));
    }
  }

  private static void validateCard(DatasetCard card, List<Violation> violations) {
    if (card == null) {
      violations.add(new Violation("card", "card is required (task_type and class_names)"));
      return;
    }
    TaskType taskType = card.taskType();
    if (taskType == null) {
      violations.add(new Violation("card.task_type", "card.task_type must be set"));
    }
    List<String> classNames = card.classNames();
    if (classNames.isEmpty()) {
      violations.add(
          new Violation(
              "card.class_names", "card.class_names must list the class names in label order"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < classNames.size(); i++) {
      String name = classNames.get(i);
      String field = "card.class_names[" + i + "]";
      if (name.isBlank()) {
        violations.add(new Violation(field, "class name " + i + " is blank"));
      } else if (name.length() > MAX_CLASS_NAME_LENGTH) {
        violations.add(
            new Violation(
                field, "class name " + i + " has more than " + MAX_CLASS_NAME_LENGTH + " chars"));
      } else if (!seen.add(name)) {
        violations.add(new Violation(field, "class name '" + name + "' appears twice"));
      }
    }
    expectedClassCount(taskType, classNames.size())
        .ifPresent(problem -> violations.add(new Violation("card.class_names", problem)));
  }

  private static Optional<String> expectedClassCount(TaskType taskType, int count) {
    if (taskType == null) {
      return Optional.empty();
    }
    return switch (taskType) {
      case BINARY ->
          count == 2
              ? Optional.empty()
              : Optional.of("TASK_TYPE_BINARY needs exactly 2 class names, got " + count);
      case MULTI_CLASS ->
          count >= 3
              ? Optional.empty()
              : Optional.of(
                  "TASK_TYPE_MULTI_CLASS needs at least 3 class names, got "
                      + count
                      + " (use TASK_TYPE_BINARY for 2)");
      case ORDINAL ->
          count >= 2
              ? Optional.empty()
              : Optional.of("TASK_TYPE_ORDINAL needs at least 2 grades, got " + count);
      case MULTI_LABEL ->
          count <= MAX_MULTI_LABEL_CLASSES
              ? Optional.empty()
              : Optional.of(
                  "TASK_TYPE_MULTI_LABEL allows at most %d classes, got %d"
                      .formatted(MAX_MULTI_LABEL_CLASSES, count));
    };
  }
}
