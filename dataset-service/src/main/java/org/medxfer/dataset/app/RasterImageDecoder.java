package org.medxfer.dataset.app;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.medxfer.common.images.InvalidImageDataException;

/**
 * Decodes PNG and JPEG bytes with the JDK's ImageIO into uint8 pixels: grey images (8 or 16 bit,
 * with or without alpha) become one channel, 16-bit values scaled by 255/65535 and rounded; every
 * other colour model becomes RGB. Alpha is dropped.
 */
final class RasterImageDecoder {

  private RasterImageDecoder() {}

  static DecodedImage decode(String where, byte[] bytes) {
    if (isJpeg(bytes) && !endsWithEndOfImage(bytes)) {
      // The JDK's JPEG reader fills a cut-off scan with grey instead of failing.
      throw new InvalidImageDataException(where + ": truncated JPEG (no end-of-image marker)");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new InvalidImageDataException(where + ": cannot be decoded: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new InvalidImageDataException(where + ": not a PNG or JPEG image");
    }
    int height = image.getHeight();
    int width = image.getWidth();
    if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      Raster raster = image.getRaster();
      int bits = image.getColorModel().getComponentSize(0);
      long maxValue = (1L << bits) - 1;
      int[] row = new int[width];
      byte[] pixels = new byte[height * width];
      for (int y = 0; y < height; y++) {
        raster.getSamples(0, y, width, 1, 0, row);
        for (int x = 0; x < width; x++) {
          pixels[y * width + x] =
              (byte) (bits == 8 ? row[x] : (int) ((row[x] * 255L + maxValue / 2) / maxValue));
        }
      }
      return new DecodedImage(height, width, 1, pixels);
    }
    byte[] pixels = new byte[height * width * 3];
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int rgb = row[x];
        int offset = (y * width + x) * 3;
        pixels[offset] = (byte) (rgb >> 16);
        pixels[offset + 1] = (byte) (rgb >> 8);
        pixels[offset + 2] = (byte) rgb;
      }
    }
    return new DecodedImage(height, width, 3, pixels);
  }

  private static boolean isJpeg(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8;
  }

  private static boolean endsWithEndOfImage(byte[] bytes) {
    int end = bytes.length;
    // Some writers pad after the marker.
    while (end > 2 && bytes[end - 1] == 0) {
      end--;
    }
    return (bytes[end - 2] & 0xff) == 0xFF && (bytes[end - 1] & 0xff) == 0xD9;
  }
}
