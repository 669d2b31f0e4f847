package org.medxfer.dataset.domain.dicom;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the image of a single-frame DICOM Part 10 file into uint8 pixels: native (implicit or
 * explicit VR little endian, explicit VR big endian) or RLE Lossless pixel data, 8 or 16 bits, grey
 * or RGB. Grey values get the modality rescale, then a window: the caller's, else the file's first
 * one, else the range of the image.
 */
public final class DicomPixelReader {

  /** Reads a file with the window it carries (or min-max when it carries none). */
  public DicomImage read(Path file) throws IOException {
    return read(file.getFileName().toString(), Files.readAllBytes(file), Optional.empty());
  }

  /** Reads a file with the caller's window, which wins over the file's. */
  public DicomImage read(Path file, Window window) throws IOException {
    return read(file.getFileName().toString(), Files.readAllBytes(file), Optional.of(window));
  }

  /**
   * Reads a file's bytes; {@code fileName} only names the file in errors. The whole file is held in
   * memory: imports cap file size before this point, and a DICOM image is a few MiB at most.
   */
  public DicomImage read(String fileName, byte[] bytes, Optional<Window> window) {
    ParsedDicom parsed = DicomParser.parse(fileName, bytes);
    DicomAttributes attributes = parsed.attributes();
    PixelGeometry geometry = PixelGeometry.from(fileName, attributes);
    int[] stored = storedValues(fileName, parsed, geometry);
    StoredValueStats stats = StoredValueStats.of(stored);
    byte[] pixels =
        geometry.samples() == 1
            ? GreyscaleRenderer.render(attributes, geometry, stored, stats, window)
            : rgb(stored);
    return new DicomImage(
        geometry.rows(),
        geometry.columns(),
        geometry.samples(),
        pixels,
        attributes.string(DicomAttributes.MODALITY),
        parsed.syntax().uid(),
        stats);
  }

  /** The stored values channels-last, masked to BitsStored and sign-extended when signed. */
  private static int[] storedValues(String fileName, ParsedDicom parsed, PixelGeometry geometry) {
    if (geometry.expectedBytes() > Integer.MAX_VALUE) {
      throw new DicomFormatException(fileName, "image of " + geometry.expectedBytes() + " bytes");
    }
    int bytesPerSample = geometry.bytesPerSample();
    byte[] data;
    ByteOrder order;
    boolean planar;
    if (parsed.syntax().encapsulated()) {
      data =
          RleDecoder.decode(
              fileName, parsed.fragments(), geometry.pixels(), geometry.samples(), bytesPerSample);
      // The decoder emits little-endian, sample-interleaved bytes whatever the header says.
      order = ByteOrder.LITTLE_ENDIAN;
      planar = false;
    } else {
      data = parsed.nativePixelData();
      order = parsed.syntax().byteOrder();
      planar = geometry.planar();
    }
    if (data.length < geometry.expectedBytes()) {
      throw new DicomFormatException(
          fileName,
          "PixelData holds "
              + data.length
              + " bytes where "
              + geometry.expectedBytes()
              + " are expected");
    }
    int pixels = geometry.pixels();
    int samples = geometry.samples();
    int mask = (1 << geometry.bitsStored()) - 1;
    int signBit = 1 << (geometry.bitsStored() - 1);
    int[] values = new int[pixels * samples];
    for (int p = 0; p < pixels; p++) {
      for (int s = 0; s < samples; s++) {
        int sourceIndex = planar ? s * pixels + p : p * samples + s;
        int value = sample(data, sourceIndex * bytesPerSample, bytesPerSample, order) & mask;
        if (geometry.signed() && (value & signBit) != 0) {
          value -= 1 << geometry.bitsStored();
        }
        values[p * samples + s] = value;
      }
    }
    return values;
  }

  private static int sample(byte[] data, int at, int bytesPerSample, ByteOrder order) {
    if (bytesPerSample == 1) {
      return data[at] & 0xFF;
    }
    int first = data[at] & 0xFF;
    int second = data[at + 1] & 0xFF;
    return order == ByteOrder.LITTLE_ENDIAN ? first | second << 8 : first << 8 | second;
  }

  // RGB is already display-ready 8-bit colour, so it is passed through rather than windowed.
  private static byte[] rgb(int[] stored) {
    byte[] out = new byte[stored.length];
    for (int i = 0; i < stored.length; i++) {
      out[i] = (byte) Math.max(0, Math.min(255, stored[i]));
    }
    return out;
  }
}
