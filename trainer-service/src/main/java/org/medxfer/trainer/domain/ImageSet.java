package org.medxfer.trainer.domain;

/**
 * Labelled images as stored: uint8 pixels, channels last.
 *
 * @param count number of images
 * @param height rows per image
 * @param width columns per image
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels count*height*width*channels bytes, read as unsigned
 * @param labels one class index per image
 */
public record ImageSet(
    int count, int height, int width, int channels, byte[] pixels, int[] labels) {

  public ImageSet {
    if (count < 1 || height < 1 || width < 1) {
      throw invalid("an image set needs at least one image of at least 1x1 pixel");
    }
    if (channels != 1 && channels != 3) {
      throw invalid("images must have 1 or 3 channels, got " + channels);
    }
    if (pixels == null || (long) pixels.length != (long) count * height * width * channels) {
      throw invalid(
          "expected "
              + ((long) count * height * width * channels)
              + " pixel bytes for "
              + count
              + "x"
              + height
              + "x"
              + width
              + "x"
              + channels
              + ", got "
              + (pixels == null ? "none" : pixels.length));
    }
    if (labels == null || labels.length != count) {
      throw invalid(
          "expected " + count + " labels, got " + (labels == null ? "none" : labels.length));
    }
  }

  /** Bytes per image. */
  public int imageBytes() {
    return height * width * channels;
  }

  private static TrialFailedException invalid(String message) {
    return new TrialFailedException(FailureReason.INVALID_DATA, message);
  }
}
