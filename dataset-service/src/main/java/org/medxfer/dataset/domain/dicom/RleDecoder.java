package org.medxfer.dataset.domain.dicom;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one RLE Lossless frame (PS3.5 annex G) into native little-endian, channels-last bytes, so
 * the rest of the reader treats it like an uncompressed frame.
 */
final class RleDecoder {

  private static final int HEADER_LENGTH = 64;
  private static final int MAX_SEGMENTS = 15;

  private RleDecoder() {}

  static byte[] decode(
      String fileName, List<byte[]> fragments, int pixels, int samples, int bytesPerSample) {
    byte[] frame = concat(fragments);
    if (frame.length < HEADER_LENGTH) {
      throw new DicomFormatException(
          fileName, "RLE frame holds " + frame.length + " bytes, less than its 64-byte header");
    }
    int segments = (int) uint32(frame, 0);
    int expectedSegments = samples * bytesPerSample;
    if (segments != expectedSegments || segments > MAX_SEGMENTS) {
      throw new DicomFormatException(
          fileName,
          "RLE header lists " + segments + " segments where " + expectedSegments + " are expected");
    }
    byte[] out = new byte[pixels * samples * bytesPerSample];
    for (int segment = 0; segment < segments; segment++) {
      int start = (int) uint32(frame, 4 + 4 * segment);
      int end = segment + 1 < segments ? (int) uint32(frame, 8 + 4 * segment) : frame.length;
      if (start < HEADER_LENGTH || end > frame.length || start > end) {
        throw new DicomFormatException(
            fileName, "RLE segment " + segment + " has offsets outside the frame");
      }
      byte[] plane = unpack(fileName, frame, start, end, pixels, segment);
      // Segments come sample by sample, most significant byte first; the output is little endian.
      int sample = segment / bytesPerSample;
      int byteInValue = bytesPerSample - 1 - segment % bytesPerSample;
      for (int p = 0; p < pixels; p++) {
        out[(p * samples + sample) * bytesPerSample + byteInValue] = plane[p];
      }
    }
    return out;
  }

  /** PackBits: n in 0..127 copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times. */
  private static byte[] unpack(
      String fileName, byte[] frame, int start, int end, int length, int segment) {
    byte[] plane = new byte[length];
    int in = start;
    int out = 0;
    while (out < length && in < end) {
      int n = frame[in++];
      if (n >= 0) {
        int count = Math.min(n + 1, Math.min(length - out, end - in));
        System.arraycopy(frame, in, plane, out, count);
        in += n + 1;
        out += count;
      } else if (n != -128 && in < end) {
        int count = Math.min(1 - n, length - out);
        Arrays.fill(plane, out, out + count, frame[in++]);
        out += count;
      }
    }
    if (out < length) {
      throw new DicomFormatException(
          fileName,
          "RLE segment "
              + segment
              + " decodes to "
              + out
              + " bytes where "
              + length
              + " are expected");
    }
    return plane;
  }

  private static byte[] concat(List<byte[]> fragments) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    fragments.forEach(joined::writeBytes);
    return joined.toByteArray();
  }

  private static long uint32(byte[] bytes, int at) {
    return (bytes[at] & 0xFFL)
        | (bytes[at + 1] & 0xFFL) << 8
        | (bytes[at + 2] & 0xFFL) << 16
        | (bytes[at + 3] & 0xFFL) << 24;
  }
}
