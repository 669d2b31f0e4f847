package org.medxfer.dataset.domain.dicom;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A cursor over a DICOM file's bytes that turns running off the end into a named error. */
final class DicomInput {

  private final String fileName;
  private final byte[] bytes;
  private int position;

  DicomInput(String fileName, byte[] bytes) {
    this.fileName = fileName;
    this.bytes = bytes;
  }

  int position() {
    return position;
  }

  int remaining() {
    return bytes.length - position;
  }

  void seek(int newPosition) {
    position = newPosition;
  }

  int uint16(ByteOrder order) {
    require(2, "a 2-byte field");
    int b0 = bytes[position] & 0xFF;
    int b1 = bytes[position + 1] & 0xFF;
    position += 2;
    return order == ByteOrder.LITTLE_ENDIAN ? b0 | b1 << 8 : b0 << 8 | b1;
  }

  /** Reads an unsigned 32-bit value; lengths beyond 2 GiB cannot occur in a file we hold. */
  long uint32(ByteOrder order) {
    long low = uint16(order);
    long high = uint16(order);
    return order == ByteOrder.LITTLE_ENDIAN ? low | high << 16 : low << 16 | high;
  }

  String ascii(long length) {
    return new String(bytes(length, "a text value"), StandardCharsets.US_ASCII);
  }

  byte[] bytes(long length, String what) {
    require(length, what);
    byte[] value = Arrays.copyOfRange(bytes, position, position + (int) length);
    position += (int) length;
    return value;
  }

  void skip(long length, String what) {
    require(length, what);
    position += (int) length;
  }

  private void require(long length, String what) {
    if (length > remaining()) {
      throw new DicomFormatException(
          fileName,
          "file ends inside "
              + what
              + " at byte "
              + position
              + " ("
              + length
              + " bytes needed, "
              + remaining()
              + " left)");
    }
  }
}
