package org.medxfer.trainer.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Picks the training images of a reduced-label trial: per stratum (a class; for multi-label, a
 * label combination), the same share of images, drawn with the trial seed, so a 10% trial keeps the
 * class balance of the full split. Every arm of a study with the same seed gets exactly the same
 * images, on any machine and in any run. Fractions are nested: with one seed, the 1% subset lies
 * inside the 5% subset, which lies inside the 10% one, because each stratum is shuffled once (by a
 * generator seeded from the trial seed and the stratum) and a fraction takes a prefix.
 */
public final class LabelFraction {

  private LabelFraction() {}

  /**
   * Indices (ascending) of the images kept. Each stratum present keeps round(fraction x its count)
   * images, at least one.
   */
  public static int[] select(int[] labels, double fraction, long seed) {
    if (fraction >= 1) {
      int[] all = new int[labels.length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    Map<Integer, List<Integer>> strata = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      strata.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
    }
    List<Integer> kept = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> stratum : strata.entrySet()) {
      List<Integer> members = stratum.getValue();
      SplittableRandom random =
          new SplittableRandom((seed ^ 0x5DEECE66DL) * 0x9E3779B97F4A7C15L + stratum.getKey());
      // Fisher-Yates from the front: slot i is fixed after step i, so prefixes are nested.
      for (int i = 0; i < members.size() - 1; i++) {
        int j = i + random.nextInt(members.size() - i);
        Integer swap = members.get(i);
        members.set(i, members.get(j));
        members.set(j, swap);
      }
      int keep = Math.max(1, (int) Math.round(fraction * members.size()));
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
