package org.medxfer.common.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageResizerTest {

  @Test
  void halvingAveragesEachTwoByTwoBlock() {
    byte[] pixels = {10, 20, 30, 40, 50, 60, 70, 80, 1, 2, 3, 4, 5, 6, 7, 8};
    LabeledImages image = new LabeledImages(1, 4, 4, 1, pixels, new int[] {0});

    LabeledImages half = ImageResizer.resize(image, 2, 2);

    // Blocks (10,20,50,60), (30,40,70,80), (1,2,5,6), (3,4,7,8); halves round up.
    assertThat(half.pixels()).containsExactly(35, 55, 4, 6);
  }

  @Test
  void aConstantImageStaysConstantAtAnySizeAndChannelsStayApart() {
    byte[] rgb = new byte[5 * 7 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = 9;
      rgb[i + 1] = (byte) 200;
      rgb[i + 2] = 77;
    }
    LabeledImages image = new LabeledImages(1, 5, 7, 3, rgb, new int[] {4});

    for (int size : new int[] {1, 3, 16, 64}) {
      LabeledImages resized = ImageResizer.resize(image, size, size);
      byte[] expected = new byte[size * size * 3];
      for (int i = 0; i < expected.length; i += 3) {
        expected[i] = 9;
        expected[i + 1] = (byte) 200;
        expected[i + 2] = 77;
      }
      assertThat(resized.pixels()).as("size " + size).isEqualTo(expected);
      assertThat(resized.labels()).containsExactly(4);
    }
  }

  @Test
  void growingInterpolatesBetweenNeighbours() {
    LabeledImages image = new LabeledImages(1, 1, 2, 1, new byte[] {0, 100}, new int[] {0});

    LabeledImages wide = ImageResizer.resize(image, 1, 4);

    // Centres at -0.25, 0.25, 0.75, 1.25 of the source: clamped, 25, 75, clamped.
    assertThat(wide.pixels()).containsExactly(0, 25, 75, 100);
    assertThat(Arrays.equals(ImageResizer.resize(image, 1, 2).pixels(), image.pixels())).isTrue();
  }
}
