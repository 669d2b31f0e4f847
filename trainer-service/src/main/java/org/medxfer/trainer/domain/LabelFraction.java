package org.medxfer.trainer.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the training images of a reduced-label trial: per class, the same share of images, drawn
 * with the trial seed, so a 10% trial keeps the class balance of the full split.
 */
public final class LabelFraction {

  private LabelFraction() {}

  /**
   * Indices (ascending) of the images kept. Each class present keeps round(fraction x its count)
   * images, at least one.
   */
  public static int[] select(int[] labels, double fraction, long seed) {
    if (fraction >= 1) {
      int[] all = new int[labels.length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int classes = Arrays.stream(labels).max().orElse(-1) + 1;
    List<List<Integer>> byClass = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Integer> kept = new ArrayList<>();
    for (List<Integer> members : byClass) {
      if (members.isEmpty()) {
        continue;
      }
      // Partial Fisher-Yates: the first `keep` slots become a uniform sample.
      int keep = Math.max(1, (int) Math.round(fraction * members.size()));
      for (int i = 0; i < keep; i++) {
        int j = i + random.nextInt(members.size() - i);
        Integer swap = members.get(i);
        members.set(i, members.get(j));
        members.set(j, swap);
      }
      kept.addAll(members.subList(0, keep));
    }
    return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** The images at {@code indices}, in that order, as a new set. */
  public static ImageSet subset(ImageSet images, int[] indices) {
    int imageBytes = images.imageBytes();
    byte[] pixels = new byte[indices.length * imageBytes];
    int[] labels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(
          images.pixels(), indices[i] * imageBytes, pixels, i * imageBytes, imageBytes);
      labels[i] = images.labels()[indices[i]];
    }
    return new ImageSet(
        indices.length, images.height(), images.width(), images.channels(), pixels, labels);
  }
}
