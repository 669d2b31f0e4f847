package org.medxfer.dataset.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.dataset.domain.DatasetCard;
import org.medxfer.dataset.domain.Split;
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
      firstLabelOutOfRange(split, images, card.classNames().size()).ifPresent(violations::add);
    }
    return violations;
  }

  private static Optional<Violation> firstLabelOutOfRange(
      Split split, LabeledImages images, int classCount) {
    int[] labels = images.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classCount) {
        return Optional.of(
            new Violation(
                "card.class_names",
                "split '%s': entry %d has label %d, but card.class_names declares %d classes (labels 0 to %d)"
                    .formatted(split.key(), i, labels[i], classCount, classCount - 1)));
      }
    }
    return Optional.empty();
  }

  private static String shape(LabeledImages images) {
    return images.height() + "x" + images.width() + "x" + images.channels();
  }
}
