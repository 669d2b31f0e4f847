package org.medxfer.dataset.domain;

/** Height, width and channels of uint8 images, channels last. */
public record ImageShape(int height, int width, int channels) {

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
