package org.medxfer.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageAugmenterTest {

  /** One 3x4 grey image with pixel values 1..12, row-major. */
  private static byte[] image() {
    byte[] pixels = new byte[12];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i + 1);
    }
    return pixels;
  }

  @Test
  void noAugmentationLeavesPixelsAlone() {
    byte[] pixels = image();
    new ImageAugmenter(Augmentation.NONE, 1, 3, 4, 1).apply(pixels, 1, 1, 0);
    assertThat(pixels).containsExactly(image());
  }

  @Test
  void aFlipMirrorsRowsOrLeavesTheImageAlone() {
    ImageAugmenter flips = new ImageAugmenter(new Augmentation(true, false, 0, 0), 3, 3, 4, 1);
    byte[] mirrored = {4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9};
    boolean sawFlip = false;
    boolean sawNone = false;
    for (int step = 0; step < 20; step++) {
      byte[] pixels = image();
      flips.apply(pixels, 1, 1, step);
      if (java.util.Arrays.equals(pixels, mirrored)) {
        sawFlip = true;
      } else {
        assertThat(pixels).containsExactly(image());
        sawNone = true;
      }
    }
    assertThat(sawFlip).isTrue();
    assertThat(sawNone).isTrue();
  }

  @Test
  void drawsDependOnlyOnSeedEpochAndStep() {
    Augmentation everything = new Augmentation(true, true, 0.3, 30);
    byte[] first = image();
    byte[] again = image();
    byte[] otherStep = image();
    new ImageAugmenter(everything, 5, 3, 4, 1).apply(first, 1, 2, 7);
    ImageAugmenter reused = new ImageAugmenter(everything, 5, 3, 4, 1);
    reused.apply(otherStep, 1, 2, 8);
    reused.apply(again, 1, 2, 7);
    assertThat(again).containsExactly(first);
  }

  @Test
  void shiftsAndRotationsFillWithBlackAndKeepValues() {
    Augmentation moves = new Augmentation(false, false, 0.45, 90);
    ImageAugmenter augmenter = new ImageAugmenter(moves, 11, 3, 4, 1);
    for (int step = 0; step < 10; step++) {
      byte[] pixels = image();
      augmenter.apply(pixels, 1, 1, step);
      for (byte value : pixels) {
        assertThat((int) value).isBetween(0, 12);
      }
    }
  }

  @Test
  void outOfRangeSettingsAreInvalidSpecs() {
    assertThatThrownBy(() -> new Augmentation(false, false, 0.5, 0))
        .hasMessageContaining("max_shift");
    assertThatThrownBy(() -> new Augmentation(false, false, 0, 181))
        .hasMessageContaining("max_rotation_degrees");
  }
}
