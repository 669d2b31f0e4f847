package org.medxfer.dataset.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.dataset.domain.DatasetCard;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.TaskType;
import org.medxfer.dataset.domain.Violation;

/**
 * Checks a readable file's splits against the card and against each other: every split has images,
 * every image has the same shape, every label names a declared class.
 */
public final class DatasetContentValidator {

  private DatasetContentValidator() {}

  /**
   * Every problem of the content; empty when it is acceptable.
   *
   * @param splits train, val and test, in that order
   */
  public static List<Violation> validate(Map<Split, LabeledImages> splits, DatasetCard card) {
    List<Violation> violations = new ArrayList<>();
    Split shapeReference = null;
    for (Split split : Split.values()) {
      LabeledImages images = splits.get(split);
      if (images == null) {
        violations.add(new Violation(Violation.FILE, "split '" + split.key() + "' is missing"));
        continue;
      }
      if (images.count() == 0) {
        violations.add(
            new Violation(
                Violation.FILE,
                "split '" + split.key() + "' has no images; every split needs at least one"));
      }
      if (shapeReference == null) {
        shapeReference = split;
      } else {
        LabeledImages reference = splits.get(shapeReference);
        if (!shape(images).equals(shape(reference))) {
          violations.add(
              new Violation(
                  Violation.FILE,
                  "split '%s' has %s images but split '%s' has %s; every split must share one image shape"
                      .formatted(
                          split.key(), shape(images), shapeReference.key(), shape(reference))));
        }
      }
      firstLabelOutOfRange(split, images, card).ifPresent(violations::add);
    }
    return violations;
  }

  private static Optional<Violation> firstLabelOutOfRange(
      Split split, LabeledImages images, DatasetCard card) {
    int classCount = card.classNames().size();
    boolean multiLabel = card.taskType() == TaskType.MULTI_LABEL;
    // A multi-label image's label is a bit mask over the classes.
    long limit = multiLabel ? 1L << classCount : classCount;
    int[] labels = images.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= limit) {
        String label =
            multiLabel ? "classes mask " + Integer.toBinaryString(labels[i]) : "label " + labels[i];
        return Optional.of(
            new Violation(
                "card.class_names",
                "split '%s': entry %d has %s, but card.class_names declares %d classes (%s)"
                    .formatted(
                        split.key(),
                        i,
                        label,
                        classCount,
                        multiLabel
                            ? classCount + " label columns"
                            : "labels 0 to " + (classCount - 1))));
      }
    }
    return Optional.empty();
  }

  /** Images per class in class order; for multi-label, images that have the class. */
  public static long[] classCounts(LabeledImages images, DatasetCard card) {
    int classCount = card.classNames().size();
    return card.taskType() == TaskType.MULTI_LABEL
        ? images.maskCounts(classCount)
        : images.classCounts(classCount);
  }

  private static String shape(LabeledImages images) {
    return images.height() + "x" + images.width() + "x" + images.channels();
  }
}
