package org.medxfer.trainer.domain;

import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to a batch of stored images (uint8, channels last) in place.
 *
 * <p>The draws for a batch depend only on the trial seed, the epoch and the step, never on what ran
 * before, so a trial resumed from a checkpoint augments exactly as an uninterrupted one. Shifts and
 * rotations map each output pixel back to its nearest source pixel (zero outside the image), which
 * keeps uint8 values exact and needs no interpolation.
 */
public final class ImageAugmenter {

  private final Augmentation augmentation;
  private final long seed;
  private final int height;
  private final int width;
  private final int channels;
  private final byte[] scratch;

  public ImageAugmenter(Augmentation augmentation, long seed, int height, int width, int channels) {
    this.augmentation = augmentation;
    this.seed = seed;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.scratch = new byte[height * width * channels];
  }

  /** Augments the first {@code count} images of {@code pixels}. */
  public void apply(byte[] pixels, int count, int epoch, int step) {
    if (!augmentation.enabled()) {
      return;
    }
    SplittableRandom random =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + step);
    int imageBytes = scratch.length;
    for (int i = 0; i < count; i++) {
      // Every draw is made whether or not it is used, so turning one option on does not change
      // the draws of the others.
      boolean flipX = random.nextBoolean() && augmentation.horizontalFlip();
      boolean flipY = random.nextBoolean() && augmentation.verticalFlip();
      double shiftX = (random.nextDouble() * 2 - 1) * augmentation.maxShift() * width;
      double shiftY = (random.nextDouble() * 2 - 1) * augmentation.maxShift() * height;
      double angle =
          Math.toRadians((random.nextDouble() * 2 - 1) * augmentation.maxRotationDegrees());
      transform(
          pixels, i * imageBytes, flipX, flipY, Math.round(shiftX), Math.round(shiftY), angle);
    }
  }

  private void transform(
      byte[] pixels, int offset, boolean flipX, boolean flipY, long dx, long dy, double angle) {
    System.arraycopy(pixels, offset, scratch, 0, scratch.length);
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // Inverse map: undo the shift, then the rotation about the centre, then the flips.
        double ux = x - dx - cx;
        double uy = y - dy - cy;
        long sx = Math.round(cos * ux + sin * uy + cx);
        long sy = Math.round(-sin * ux + cos * uy + cy);
        if (flipX) {
          sx = width - 1 - sx;
        }
        if (flipY) {
          sy = height - 1 - sy;
        }
        int target = offset + (y * width + x) * channels;
        boolean inside = sx >= 0 && sx < width && sy >= 0 && sy < height;
        int source = inside ? (int) ((sy * width + sx) * channels) : -1;
        for (int c = 0; c < channels; c++) {
          pixels[target + c] = inside ? scratch[source + c] : 0;
        }
      }
    }
  }
}
