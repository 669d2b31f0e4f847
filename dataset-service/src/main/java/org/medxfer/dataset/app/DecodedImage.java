package org.medxfer.dataset.app;

/** One image of an archive as uint8 channels-last pixels (1 channel grey, 3 RGB). */
record DecodedImage(int height, int width, int channels, byte[] pixels) {

  String shape() {
    return height + "x" + width + "x" + channels;
  }
}
